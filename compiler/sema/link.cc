#include "compiler/sema/link.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "compiler/base/spellcheck.h"
#include "compiler/catalog/text.h"
#include "compiler/catalog/units.h"
#include "compiler/sema/catalog_value.h"
#include "compiler/sema/codes.h"

namespace kilter::compiler {

namespace {

/// One resource on one host. Names are views into the instances, which
/// outlive the linker.
struct Node {
  Instance* inst;
  std::string_view host;
  bool dropped = false;
  std::vector<std::pair<size_t, Span>> after;  ///< node it follows, where `after` says so
};

/// `TYPE "NAME" @ HOST` as a hash key, without building a string.
struct Address {
  std::string_view type;
  std::string_view name;
  std::string_view host;
  bool operator==(const Address&) const = default;
};

struct AddressHash {
  size_t operator()(const Address& a) const {
    std::hash<std::string_view> h;
    return h(a.type) ^ (h(a.name) * 31) ^ (h(a.host) * 1009);
  }
};

std::string Ref(const Instance& inst) { return inst.schema->type + "/" + inst.name; }

/// Types whose JSON form hides a unit or a format: the catalog's field_types
/// names these, so renderers can show `256MiB` rather than 268435456.
bool ShowsType(const SemType& t) {
  switch (t.kind) {
    case SemType::Kind::kList:
    case SemType::Kind::kMap:
      return ShowsType(*t.element);
    case SemType::Kind::kObject:
      for (const SemField& f : t.object->fields) {
        if (ShowsType(*f.type)) return true;
      }
      return false;
    case SemType::Kind::kSize:
    case SemType::Kind::kDuration:
    case SemType::Kind::kIp:
    case SemType::Kind::kCidr:
    case SemType::Kind::kPort:
    case SemType::Kind::kCron:
    case SemType::Kind::kRange:
    case SemType::Kind::kGroup:
      return true;
    default:
      return false;
  }
}

class Linker {
 public:
  Linker(std::vector<Instance>& instances, Reporter& rep) : rep_(rep) {
    size_t count = 0;
    for (const Instance& inst : instances) count += inst.hosts.Items().size();
    nodes_.reserve(count);
    by_address_.reserve(count);
    for (Instance& inst : instances) {
      for (const Value& host : inst.hosts.Items()) {
        nodes_.push_back({&inst, host.AsString(), false, {}});
      }
    }
  }

  std::vector<EvaluatedResource> Run() {
    IndexAddresses();
    CheckContradictions();
    ResolveAfter();
    FindCycles();
    return Build();
  }

 private:
  void IndexAddresses() {
    for (size_t i = 0; i < nodes_.size(); ++i) {
      Node& n = nodes_[i];
      auto [it, fresh] =
          by_address_.emplace(Address{n.inst->schema->type, n.inst->name, n.host}, i);
      if (fresh) continue;
      const Instance& first = *nodes_[it->second].inst;
      rep_.Error(codes::kDuplicateResource, n.inst->name_span,
                 fmt::format("{} \"{}\" is declared twice on {}", n.inst->schema->type,
                             n.inst->name, n.host),
                 "give each resource of a type its own name on a host",
                 {{first.name_span, "first declared here"}});
      n.dropped = true;
    }
  }

  void CheckContradictions() {
    // (type, host) -> the fields set so far there, each with the node that set it.
    std::unordered_map<Address, std::vector<std::pair<std::string_view, size_t>>, AddressHash>
        set_by;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      const Schema& schema = *n.inst->schema;
      if (n.dropped || !schema.host_wide) continue;
      auto& fields = set_by[Address{schema.type, {}, n.host}];
      for (const auto& [field, span] : n.inst->field_spans) {
        auto it = std::find_if(fields.begin(), fields.end(),
                               [&](const auto& entry) { return entry.first == field; });
        if (it == fields.end()) {
          fields.emplace_back(field, i);
          continue;
        }
        const Instance& other = *nodes_[it->second].inst;
        size_t index = schema.fields->index.at(field);
        const Value& mine = n.inst->values[index];
        const Value& theirs = other.values[index];
        if (Equal(mine, theirs)) continue;
        rep_.Error(codes::kContradiction, span,
                   fmt::format("{} \"{}\" sets {} = {}, but {} \"{}\" on the same host sets {}",
                               schema.type, n.inst->name, field, Show(mine), schema.type,
                               other.name, Show(theirs)),
                   fmt::format("a host has one value of each {} field: set {} in one resource, "
                               "or to the same value",
                               schema.type, field),
                   {{other.field_spans.at(field), "set here"}});
      }
    }
  }

  void ResolveAfter() {
    for (Node& n : nodes_) {
      if (n.dropped) continue;
      for (const AfterRef& ref : n.inst->after) {
        const size_t* target = nullptr;
        std::string full = n.inst->prefix + ref.name;
        if (!n.inst->prefix.empty()) target = Find(ref.type, full, n.host);
        if (!target) target = Find(ref.type, ref.name, n.host);
        if (target) {
          n.after.emplace_back(*target, ref.span);
          continue;
        }
        ReportUnknownAfter(n, ref, full);
      }
    }
  }

  void ReportUnknownAfter(const Node& n, const AfterRef& ref, const std::string& full) {
    // Where each resource is: built only when a reference fails.
    if (refs_.empty()) {
      for (const Node& m : nodes_) {
        if (m.dropped) continue;
        std::vector<std::string_view>& hosts = hosts_of_[Ref(*m.inst)];
        if (hosts.empty()) refs_.push_back(Ref(*m.inst));
        hosts.push_back(m.host);
      }
    }
    std::string wanted = ref.type + "/" + ref.name;
    auto elsewhere = hosts_of_.find(wanted);
    if (elsewhere == hosts_of_.end() && !n.inst->prefix.empty()) {
      elsewhere = hosts_of_.find(ref.type + "/" + full);
    }
    if (elsewhere != hosts_of_.end()) {
      rep_.Error(codes::kUnknownAfter, ref.span,
                 fmt::format("{} is not on {}, where this resource is: a resource can only "
                             "follow resources on its own host",
                             wanted, n.host),
                 fmt::format("{} is on {}", wanted, fmt::join(elsewhere->second, ", ")));
    } else {
      rep_.Error(codes::kUnknownAfter, ref.span,
                 fmt::format("`after` names {}, but no such resource is declared", wanted),
                 DidYouMean(wanted, refs_));
    }
  }

  const size_t* Find(std::string_view type, std::string_view name, std::string_view host) {
    auto it = by_address_.find(Address{type, name, host});
    return it == by_address_.end() ? nullptr : &it->second;
  }

  void FindCycles() {
    enum Color { kWhite, kGrey, kBlack };
    std::vector<Color> color(nodes_.size(), kWhite);
    // Iterative depth-first search: (node, next edge to follow).
    std::vector<std::pair<size_t, size_t>> stack;
    for (size_t start = 0; start < nodes_.size(); ++start) {
      if (color[start] != kWhite) continue;
      stack.emplace_back(start, 0);
      color[start] = kGrey;
      while (!stack.empty()) {
        auto& [node, edge] = stack.back();
        if (edge == nodes_[node].after.size()) {
          color[node] = kBlack;
          stack.pop_back();
          continue;
        }
        size_t next = nodes_[node].after[edge++].first;
        if (color[next] == kGrey) {
          ReportCycle(stack, next);
        } else if (color[next] == kWhite) {
          color[next] = kGrey;
          stack.emplace_back(next, 0);
        }
      }
    }
  }

  void ReportCycle(const std::vector<std::pair<size_t, size_t>>& stack, size_t back_to) {
    size_t from = 0;
    while (stack[from].first != back_to) ++from;
    std::string chain;
    std::vector<RelatedSpan> related;
    Span primary;
    for (size_t i = from; i < stack.size(); ++i) {
      const Node& n = nodes_[stack[i].first];
      chain += Ref(*n.inst) + " → ";
      Span edge = n.after[stack[i].second - 1].second;
      if (i == from) {
        primary = edge;
      } else {
        related.push_back({edge, fmt::format("{} must follow the next", Ref(*n.inst))});
      }
    }
    rep_.Error(codes::kDependencyCycle, primary,
               fmt::format("dependency cycle: {}{}", chain, Ref(*nodes_[back_to].inst)),
               "remove one of these `after` entries", std::move(related));
  }

  std::vector<EvaluatedResource> Build() {
    std::vector<EvaluatedResource> out;
    out.reserve(nodes_.size());
    // The nodes of one instance are adjacent: its fields are converted once,
    // copied to all its hosts but the last, and moved to the last.
    EvaluatedResource proto;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (i == 0 || nodes_[i - 1].inst != n.inst) Prepare(*n.inst, proto);
      bool last = i + 1 == nodes_.size() || nodes_[i + 1].inst != n.inst;
      if (n.dropped) continue;
      EvaluatedResource& r = out.emplace_back(last ? std::move(proto) : proto);
      r.resource.host = n.host;
      for (const auto& [target, span] : n.after) {
        std::string address = AddressOf(nodes_[target]);
        if (std::find(r.resource.after.begin(), r.resource.after.end(), address) ==
            r.resource.after.end()) {
          r.resource.after.push_back(std::move(address));
        }
      }
    }
    return out;
  }

  /// What every resource of a schema starts from: the defaults in catalog
  /// form (null for an optional field without one), the field types and the
  /// sensitive fields.
  const catalog::Resource& Template(const Schema& schema) {
    auto [it, fresh] = templates_.try_emplace(&schema);
    catalog::Resource& t = it->second;
    if (!fresh) return t;
    t.type = schema.type;
    for (const SemField& f : schema.fields->fields) {
      t.fields[f.name] = f.default_value ? ToCatalogJson(*f.default_value) : nullptr;
      if (!t.fields[f.name].is_null()) t.defaulted.push_back(f.name);
      if (ShowsType(*f.type)) t.field_types.emplace(f.name, f.type->Name());
      if (f.sensitive) t.sensitive.push_back(f.name);
    }
    return t;
  }

  /// Everything the resources of one instance share. Fields the spec did not
  /// set hold their defaults, so only the ones it set are converted. A field
  /// given a secret is sensitive, whatever its schema says.
  void Prepare(Instance& inst, EvaluatedResource& r) {
    r = EvaluatedResource();
    r.resource = Template(*inst.schema);
    r.resource.name = inst.name;
    const FieldSet& set = *inst.schema->fields;
    std::vector<std::string>& defaulted = r.resource.defaulted;
    for (const auto& [field, span] : inst.field_spans) {
      const Value& v = inst.values[set.index.at(field)];
      r.resource.fields[field] = ToCatalogJson(v);
      defaulted.erase(std::remove(defaulted.begin(), defaulted.end(), field), defaulted.end());
      if (v.kind() == Value::Kind::kSize || v.kind() == Value::Kind::kDuration) {
        std::string unit = UnitOfLiteral(v);
        if (!unit.empty()) r.resource.field_units[field] = std::move(unit);
      }
      if (v.kind() != Value::Kind::kSecret) continue;
      r.resource.secrets[field] = ToCatalogSecret(v);
      std::vector<std::string>& sensitive = r.resource.sensitive;
      if (std::find(sensitive.begin(), sensitive.end(), field) == sensitive.end()) {
        sensitive.push_back(field);
      }
    }
    SourceFile::LineCol pos = inst.span.file->Position(inst.span.begin);
    r.resource.source = {inst.span.file->path(), pos.line, pos.col};
    r.span = inst.span;
    r.name_span = inst.name_span;
    r.field_spans = std::move(inst.field_spans);
    r.accepted = inst.accept;
    r.memory = inst.memory;
    r.host_wide = inst.schema->host_wide;
  }

  /// The unit of the literal a size or duration field was written as; empty
  /// when an expression or a name (a `let`, a param) gave it, whose span is
  /// not the literal's.
  static std::string UnitOfLiteral(const Value& v) {
    const Span& span = v.span();
    if (!span.valid() || span.end <= span.begin || span.end > span.file->text().size()) return "";
    return catalog::units::UnitOf(
        std::string_view(span.file->text()).substr(span.begin, span.end - span.begin));
  }

  static std::string AddressOf(const Node& n) {
    return catalog::Address(std::string(n.inst->schema->type), std::string(n.inst->name),
                            std::string(n.host));
  }

  Reporter& rep_;
  std::vector<Node> nodes_;
  std::unordered_map<Address, size_t, AddressHash> by_address_;
  std::unordered_map<const Schema*, catalog::Resource> templates_;
  std::unordered_map<std::string, std::vector<std::string_view>> hosts_of_;
  std::vector<std::string> refs_;
};

}  // namespace

std::vector<EvaluatedResource> Link(std::vector<Instance>& instances, Reporter& rep) {
  return Linker(instances, rep).Run();
}

}  // namespace kilter::compiler
