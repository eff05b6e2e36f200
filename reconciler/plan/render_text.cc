#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "reconciler/plan/render.h"

namespace kilter::reconciler {

const char* KindMarker(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kCreate: return "+";
    case ChangeKind::kUpdate: return "~";
    case ChangeKind::kReplace: return "-/+";
    case ChangeKind::kDelete: return "-";
    case ChangeKind::kNothing: return " ";
  }
  return " ";
}

const char* Marker(const Change& change) {
  return change.kind == ChangeKind::kNothing && !change.problems.empty() ? "!"
                                                                        : KindMarker(change.kind);
}

bool Shown(const Change& change) {
  return change.kind != ChangeKind::kNothing || !change.problems.empty();
}

bool Shown(const HostPlan& host) {
  return host.HasWork() || !host.errors.empty() ||
         std::any_of(host.changes.begin(), host.changes.end(),
                     [](const Change& c) { return Shown(c); });
}

std::string ShortValue(const nlohmann::json& value) {
  if (value.is_null()) return "(none)";
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    size_t lines = 0;
    for (char c : s) lines += c == '\n';
    if (lines > 1 || (lines == 1 && s.back() != '\n')) {
      return fmt::format("<{} lines, {} bytes>", lines + (s.back() != '\n'), s.size());
    }
  }
  std::string text = value.dump();
  // Cut by code point count, not bytes, so UTF-8 is never split.
  if (text.size() > 100) {
    size_t cut = 97;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "…";
  }
  return text;
}

std::string ShardText(const Plan& plan) {
  if (!plan.shard) return "";
  return fmt::format("shard {}: {} of {} hosts", plan.shard->Name(), plan.hosts.size(),
                     plan.catalog.hosts.size());
}

std::string CauseText(DriftCause cause) {
  switch (cause) {
    case DriftCause::kLiveChanged: return "changed on the host";
    case DriftCause::kSpecChanged: return "the specs changed";
    case DriftCause::kMissing: return "missing on the host";
    case DriftCause::kUnknown: return "";
  }
  return "";
}

namespace {

constexpr char kSensitive[] = "(sensitive)";

class TextWriter {
 public:
  explicit TextWriter(const TextOptions& options) : color_(options.color) {}

  std::string Paint(const std::string& text, const char* code) const {
    return color_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
  }

  const char* KindColor(ChangeKind kind) const {
    switch (kind) {
      case ChangeKind::kCreate: return "32";
      case ChangeKind::kUpdate: return "33";
      case ChangeKind::kReplace: return "35";
      case ChangeKind::kDelete: return "31";
      case ChangeKind::kNothing: return "0";
    }
    return "0";
  }

  void Change(const reconciler::Change& c) {
    std::string head = fmt::format("  {} {}", Paint(Marker(c), KindColor(c.kind)),
                                   Paint(c.Address(), "1"));
    std::string cause = CauseText(c.cause);
    if (!cause.empty()) head += fmt::format("  ({})", cause);
    if (c.destructive) head += "  " + Paint("[destructive]", "31;1");
    if (c.source && !c.source->file.empty()) {
      head += fmt::format("  # {}:{}:{}", c.source->file, c.source->line, c.source->col);
    }
    out_ += head + "\n";
    bool whole = std::all_of(c.fields.begin(), c.fields.end(), [](const FieldChange& f) {
      return f.before.is_null() || f.after.is_null();
    });
    if (whole) {
      Flow(c);
    } else {
      Lines(c);
    }
    // A reason or a step several changes share (the table's lock note, "part
    // of the one nft transaction") is printed under the first of them only.
    for (const std::string& r : c.reasons) {
      if (said_.insert("#" + r).second) out_ += fmt::format("      # {}\n", r);
    }
    for (const std::string& w : c.warnings) {
      out_ += fmt::format("      {} {}\n", Paint("warning:", "33;1"), w);
    }
    for (const std::string& p : c.problems) {
      out_ += fmt::format("      {} {}\n", Paint("problem:", "31;1"), p);
    }
    for (const Action& a : c.actions) {
      if (a.detail.empty() && !said_.insert("»" + a.summary).second) continue;
      out_ += fmt::format("      {} {}", Paint("»", "36"), a.summary);
      if (a.detail.empty()) {
        out_ += "\n";
        continue;
      }
      // A batched action (one ALTER for several indexes) is printed once per
      // host, under the first change that carries it.
      auto [first, fresh] = printed_.emplace(a.detail, c.Address());
      if (fresh) {
        out_ += "\n";
        Detail(a.detail);
      } else {
        out_ += fmt::format("  (in full above, under {})\n", first->second);
      }
    }
  }

  /// The fields of a create or a delete as `name = value` pairs flowed over
  /// as few lines as fit: the spec's own fields, then those left to defaults.
  void Flow(const reconciler::Change& c) {
    std::vector<std::string> own, defaults;
    for (const FieldChange& f : c.fields) {
      bool gone = f.after.is_null();
      const nlohmann::json& v = gone ? f.before : f.after;
      if (v.is_null()) continue;
      std::string text = Value(f, v, gone ? f.before_display : f.after_display);
      std::string pair = fmt::format("{} = {}", f.field, gone ? Paint(text, "31") : text);
      (f.from_default ? defaults : own).push_back(std::move(pair));
    }
    if (!defaults.empty()) {
      defaults.front() = Paint("defaults:", "2") + " " + defaults.front();
    }
    own.insert(own.end(), defaults.begin(), defaults.end());
    std::string line;
    size_t width = 0;
    for (const std::string& pair : own) {
      size_t len = Visible(pair);
      if (!line.empty() && width + 2 + len > kFlowWidth) {
        out_ += "      " + line + "\n";
        line.clear();
        width = 0;
      }
      line += (line.empty() ? "" : ", ") + pair;
      width += (width ? 2 : 0) + len;
    }
    if (!line.empty()) out_ += "      " + line + "\n";
  }

  /// The fields of an update, one `name: before → after` line each; a value
  /// the spec leaves to its schema's default is marked.
  void Lines(const reconciler::Change& c) {
    size_t width = 0;
    for (const FieldChange& f : c.fields) width = std::max(width, f.field.size());
    for (const FieldChange& f : c.fields) {
      std::string before = Value(f, f.before, f.before_display);
      std::string after = Value(f, f.after, f.after_display);
      std::string line;
      if (f.before.is_null()) {
        line = fmt::format("{:<{}} = {}", f.field, width, after);
      } else if (f.after.is_null()) {
        line = fmt::format("{:<{}} = {}", f.field, width, Paint(before, "31"));
      } else {
        line = fmt::format("{:<{}} {} → {}", f.field + ":", width + 1, before, after);
      }
      if (f.from_default) {
        line += "  " + Paint("[default]", "2");
        ++defaults_;
      }
      out_ += "      " + line + "\n";
    }
  }

  static std::string Value(const FieldChange& f, const nlohmann::json& v,
                           const std::string& display) {
    if (f.sensitive && !v.is_null()) return kSensitive;
    return display.empty() ? ShortValue(v) : display;
  }

  /// Width on a terminal: code points, ANSI colour codes left out.
  static size_t Visible(const std::string& text) {
    size_t n = 0;
    bool escape = false;
    for (char ch : text) {
      unsigned char u = static_cast<unsigned char>(ch);
      if (escape) {
        escape = u != 'm';
      } else if (u == 0x1b) {
        escape = true;
      } else if ((u & 0xC0) != 0x80) {
        ++n;
      }
    }
    return n;
  }

  void Detail(const std::string& detail) {
    size_t start = 0;
    while (start < detail.size()) {
      size_t nl = detail.find('\n', start);
      std::string line = detail.substr(start, nl == std::string::npos ? nl : nl - start);
      const char* code = nullptr;
      if (line.rfind("+++", 0) == 0 || line.rfind("---", 0) == 0) code = "1";
      else if (!line.empty() && line[0] == '+') code = "32";
      else if (!line.empty() && line[0] == '-') code = "31";
      else if (line.rfind("@@", 0) == 0) code = "36";
      out_ += "        " + (code ? Paint(line, code) : line) + "\n";
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }

  void Host(const HostPlan& h) {
    if (!Shown(h)) return;
    printed_.clear();
    said_.clear();
    out_ += Paint(h.host, "1") + ":\n";
    for (const reconciler::Change& c : h.changes) {
      if (Shown(c)) Change(c);
    }
    for (const PlannedHandler& p : h.handlers) {
      std::string why = p.pending_since.empty()
                            ? fmt::format("notified by {}", Join(p.notified_by))
                            : fmt::format("left pending by run {} at {}", p.pending_run,
                                          p.pending_since);
      if (!p.pending_since.empty() && !p.notified_by.empty()) {
        why += fmt::format("; notified by {}", Join(p.notified_by));
      }
      out_ += fmt::format("  {} handler {}: {}\n      # {}\n", Paint("↻", "36"), p.id, p.command,
                          why);
    }
    for (const std::string& e : h.errors) out_ += fmt::format("  {} {}\n", Paint("error:", "31;1"), e);
    out_ += "\n";
  }

  static std::string Join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
  }

  std::string& out() { return out_; }
  /// Update fields marked [default] so far.
  size_t defaults() const { return defaults_; }

 private:
  /// Columns a line of flowed fields may take after its 6-column indent: a
  /// line of at most 120.
  static constexpr size_t kFlowWidth = 114;

  bool color_;
  std::string out_;
  std::map<std::string, std::string> printed_;  ///< action detail -> address it is under
  std::set<std::string> said_;  ///< reasons and detail-less steps printed for this host
  size_t defaults_ = 0;
};

}  // namespace

std::string RenderText(const Plan& plan, const TextOptions& options) {
  TextWriter w(options);
  for (const HostPlan& h : plan.hosts) w.Host(h);
  std::string& out = w.out();
  if (!plan.suppressed.empty()) {
    out += w.Paint("Suppressed drift", "1") + " (known, not counted):\n";
    for (const SuppressedChange& s : plan.suppressed) {
      out += fmt::format("  {} {}  # {} (until {})\n", KindMarker(s.change.kind),
                         s.change.Address(), s.reason, s.expires);
    }
    out += "\n";
  }
  if (!plan.expired_suppressions.empty()) {
    out += w.Paint("Expired suppressions", "33;1") +
           " (count as drift until renewed or removed from kilter.toml):\n";
    for (const catalog::Suppression& s : plan.expired_suppressions) {
      out += fmt::format("  ! {}  # {} (expired {})\n", s.address, s.reason, s.expires);
    }
    out += "\n";
  }
  PlanSummary s = Summarize(plan);
  bool drift = plan.kind == "drift";
  if (!(drift ? s.HasDrift() : s.HasChanges()) && s.errors == 0 && s.problems == 0) {
    out += drift ? "No drift: the live state matches the specs.\n"
                 : "No changes. The live state matches the specs.\n";
  }
  if (w.defaults() == 1) {
    out += "[default]: 1 changed value comes from a schema default, not from the specs; set that "
           "field in the spec to keep what the host has.\n";
  } else if (w.defaults() > 1) {
    out += fmt::format("[default]: {} changed values come from schema defaults, not from the "
                       "specs; set those fields in the spec to keep what the host has.\n",
                       w.defaults());
  }
  std::string shard = ShardText(plan);
  if (!shard.empty()) out += fmt::format("Only {}; `kilter report merge` joins the shards.\n", shard);
  out += w.Paint(drift ? s.DriftLine("Drift") : s.Line("Plan"), "1") + "\n";
  return out;
}

}  // namespace kilter::reconciler
