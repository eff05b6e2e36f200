#include "compiler/sema/link.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <unordered_map>

#include "compiler/base/spellcheck.h"
#include "compiler/sema/catalog_value.h"
#include "compiler/sema/codes.h"

namespace kilter::compiler {

namespace {

/// One resource on one host.
struct Node {
  const Instance* inst;
  std::string host;
  bool dropped = false;
  std::vector<std::pair<size_t, Span>> after;  ///< node it follows, where `after` says so
};

std::string Key(const std::string& type, const std::string& name, const std::string& host) {
  std::string key;
  key.reserve(type.size() + name.size() + host.size() + 2);
  key.append(type).push_back('\0');
  key.append(name).push_back('\0');
  key.append(host);
  return key;
}

std::string Ref(const Instance& inst) { return inst.schema->type + "/" + inst.name; }

class Linker {
 public:
  Linker(const std::vector<Instance>& instances, Reporter& rep) : rep_(rep) {
    for (const Instance& inst : instances) {
      for (const Value& host : inst.hosts) nodes_.push_back({&inst, host.AsString(), false, {}});
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
      auto [it, fresh] = by_key_.emplace(Key(n.inst->schema->type, n.inst->name, n.host), i);
      if (!fresh) {
        const Instance& first = *nodes_[it->second].inst;
        rep_.Error(codes::kDuplicateResource, n.inst->name_span,
                   fmt::format("{} \"{}\" is declared twice on {}", n.inst->schema->type,
                               n.inst->name, n.host),
                   "give each resource of a type its own name on a host",
                   {{first.name_span, "first declared here"}});
        n.dropped = true;
        continue;
      }
      std::vector<std::string>& hosts = hosts_of_[Ref(*n.inst)];
      if (hosts.empty()) refs_.push_back(Ref(*n.inst));
      hosts.push_back(n.host);
    }
  }

  void CheckContradictions() {
    // (type, host, field) -> the node that set it first.
    std::unordered_map<std::string, size_t> set_by;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      const Schema& schema = *n.inst->schema;
      if (n.dropped || !schema.host_wide) continue;
      for (const auto& [field, span] : n.inst->field_spans) {
        auto [it, fresh] = set_by.emplace(Key(schema.type, n.host, field), i);
        if (fresh) continue;
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
    }
  }

  const size_t* Find(const std::string& type, const std::string& name, const std::string& host) {
    auto it = by_key_.find(Key(type, name, host));
    return it == by_key_.end() ? nullptr : &it->second;
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
    const Instance* last = nullptr;
    nlohmann::json fields;
    std::map<std::string, std::string> types;
    std::vector<std::string> sensitive;
    for (const Node& n : nodes_) {
      if (n.dropped) continue;
      const Instance& inst = *n.inst;
      if (&inst != last) {
        last = &inst;
        Prepare(inst, fields, types, sensitive);
      }
      EvaluatedResource& r = out.emplace_back();
      r.resource.type = inst.schema->type;
      r.resource.name = inst.name;
      r.resource.host = n.host;
      r.resource.fields = fields;
      r.resource.field_types = types;
      r.resource.sensitive = sensitive;
      for (const auto& [target, span] : n.after) {
        std::string address = Address(nodes_[target]);
        if (std::find(r.resource.after.begin(), r.resource.after.end(), address) ==
            r.resource.after.end()) {
          r.resource.after.push_back(std::move(address));
        }
      }
      SourceFile::LineCol pos = inst.span.file->Position(inst.span.begin);
      r.resource.source = {inst.span.file->path(), pos.line, pos.col};
      r.span = inst.span;
      r.name_span = inst.name_span;
      r.field_spans = inst.field_spans;
    }
    return out;
  }

  static void Prepare(const Instance& inst, nlohmann::json& fields,
                      std::map<std::string, std::string>& types,
                      std::vector<std::string>& sensitive) {
    fields = nlohmann::json::object();
    types.clear();
    sensitive.clear();
    const FieldSet& set = *inst.schema->fields;
    for (size_t i = 0; i < set.fields.size(); ++i) {
      const SemField& f = set.fields[i];
      fields[f.name] = ToCatalogJson(inst.values[i]);
      types.emplace(f.name, f.type->Name());
      if (f.sensitive) sensitive.push_back(f.name);
    }
  }

  static std::string Address(const Node& n) {
    return fmt::format("{} \"{}\" @ {}", n.inst->schema->type, n.inst->name, n.host);
  }

  Reporter& rep_;
  std::vector<Node> nodes_;
  std::unordered_map<std::string, size_t> by_key_;
  std::unordered_map<std::string, std::vector<std::string>> hosts_of_;
  std::vector<std::string> refs_;
};

}  // namespace

std::vector<EvaluatedResource> Link(const std::vector<Instance>& instances, Reporter& rep) {
  return Linker(instances, rep).Run();
}

}  // namespace kilter::compiler
