#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "reconciler/plan/render.h"

namespace kilter::reconciler {

namespace {

/// Room kept for what must close the comment: open tags, the truncation note.
constexpr size_t kReserve = 800;
constexpr size_t kMaxTableRows = 50;
constexpr size_t kMaxListItems = 50;
constexpr size_t kMaxDetailLines = 40;
constexpr size_t kMaxDetailChars = 3000;

const char kFullPlanNote[] =
    "the full plan is in the JSON plan (`kilter plan -o plan.json` or `--format json`)";

std::string Html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '|': out += "&#124;"; break;
      case '`': out += "&#96;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Code(const std::string& text) { return "<code>" + Html(text) + "</code>"; }

/// A fenced block that no backtick run inside `text` can close early.
std::string Fence(const std::string& text, const char* lang) {
  size_t run = 0, longest = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  std::string body = text;
  if (!body.empty() && body.back() != '\n') body += '\n';
  return fence + lang + "\n" + body + fence + "\n";
}

/// At most kMaxDetailLines lines and kMaxDetailChars characters of a detail.
std::string CutDetail(const std::string& detail, bool& cut) {
  size_t lines = 0, pos = 0;
  while (pos < detail.size() && lines < kMaxDetailLines) {
    size_t nl = detail.find('\n', pos);
    size_t next = nl == std::string::npos ? detail.size() : nl + 1;
    if (next > kMaxDetailChars) break;
    pos = next;
    ++lines;
  }
  cut = pos < detail.size();
  if (!cut) return detail;
  size_t rest = std::count(detail.begin() + pos, detail.end(), '\n');
  return detail.substr(0, pos) + fmt::format("… {} more lines cut\n", rest + 1);
}

/// Action detail -> the address it is shown under, in one host's section.
using Printed = std::map<std::string, std::string>;

std::string ChangeBlock(const Change& c, Printed& printed) {
  std::string out = "#### " + Code(std::string(Marker(c)) + " " + c.Address());
  if (c.destructive) out += " ⚠️ **destructive**";
  std::string cause = CauseText(c.cause);
  if (!cause.empty()) out += fmt::format(" ({})", cause);
  out += "\n\n";
  if (c.source && !c.source->file.empty()) {
    out += fmt::format("Declared at {}.\n\n", Code(fmt::format("{}:{}:{}", c.source->file,
                                                                c.source->line, c.source->col)));
  }
  if (!c.fields.empty()) {
    out += "| field | before | after |\n|---|---|---|\n";
    for (const FieldChange& f : c.fields) {
      auto cell = [&](const nlohmann::json& v, const std::string& display) {
        if (v.is_null()) return std::string();
        if (f.sensitive) return std::string("<i>(sensitive)</i>");
        return Code(display.empty() ? ShortValue(v) : display);
      };
      out += fmt::format("| {}{} | {} | {} |\n", Code(f.field),
                         f.from_default ? " <i>(schema default)</i>" : "",
                         cell(f.before, f.before_display), cell(f.after, f.after_display));
    }
    out += "\n";
  }
  for (const std::string& r : c.reasons) out += fmt::format("- {}\n", Html(r));
  for (const std::string& w : c.warnings) out += fmt::format("- ⚠️ {}\n", Html(w));
  for (const std::string& p : c.problems) out += fmt::format("- ❗ problem: {}\n", Html(p));
  for (const Action& a : c.actions) {
    out += fmt::format("- {}\n", Html(a.summary));
    if (a.detail.empty()) continue;
    auto [first, fresh] = printed.emplace(a.detail, c.Address());
    if (!fresh) {
      out += fmt::format("  (in full above, under {})\n", Code(first->second));
    } else {
      bool cut = false;
      std::string detail = CutDetail(a.detail, cut);
      bool diff = a.detail.rfind("--- ", 0) == 0;
      out += "\n" + Fence(detail, diff ? "diff" : "");
      if (cut) out += fmt::format("  (diff cut; {})\n", kFullPlanNote);
    }
  }
  return out + "\n";
}

std::string SummaryCell(const PlanSummary& s) {
  return fmt::format("{} to create, {} to update, {} to replace, {} to delete", s.create, s.update,
                     s.replace, s.remove);
}

class Budget {
 public:
  /// Appends `piece` if it fits below the limit with room for closing.
  bool Add(const std::string& piece) {
    if (out_.size() + piece.size() + kReserve > kMarkdownLimit) {
      truncated_ = true;
      return false;
    }
    out_ += piece;
    return true;
  }
  /// Closing text: always appended (kReserve keeps room for it).
  void Close(const std::string& piece) { out_ += piece; }
  bool truncated() const { return truncated_; }
  std::string& out() { return out_; }

 private:
  std::string out_;
  bool truncated_ = false;
};

}  // namespace

std::string RenderMarkdown(const Plan& plan) {
  bool drift = plan.kind == "drift";
  PlanSummary total = Summarize(plan);
  Budget b;
  std::string shard = ShardText(plan);
  b.Add(fmt::format("### kilter {}{}\n\n**{}**\n\n", drift ? "drift" : "plan",
                    shard.empty() ? "" : " (" + shard + ")",
                    drift ? total.DriftLine("Drift") : total.Line("Plan")));

  std::vector<const HostPlan*> shown;
  for (const HostPlan& h : plan.hosts) {
    if (Shown(h)) shown.push_back(&h);
  }
  if (!(drift ? total.HasDrift() : total.HasChanges()) && total.errors == 0 &&
      total.problems == 0) {
    b.Add(drift ? "No drift: the live state matches the specs.\n\n"
                : "No changes. The live state matches the specs.\n\n");
  }
  if (!shown.empty()) {
    std::string table =
        "| host | create | update | replace | delete | handlers | errors |\n"
        "|:--|--:|--:|--:|--:|--:|--:|\n";
    for (size_t i = 0; i < shown.size() && i < kMaxTableRows; ++i) {
      PlanSummary s = Summarize(*shown[i]);
      table += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", Html(shown[i]->host),
                           s.create, s.update, s.replace, s.remove, s.handlers, s.errors);
    }
    if (shown.size() > kMaxTableRows) {
      table += fmt::format("| … {} more hosts | | | | | | |\n", shown.size() - kMaxTableRows);
    }
    b.Add(table + "\n");
  }

  std::vector<const Change*> destructive;
  for (const HostPlan* h : shown) {
    for (const Change& c : h->changes) {
      if (c.kind != ChangeKind::kNothing && c.destructive) destructive.push_back(&c);
    }
  }
  if (!destructive.empty()) {
    std::string list = fmt::format("**⚠️ Destructive changes ({}):**\n\n", destructive.size());
    for (size_t i = 0; i < destructive.size() && i < kMaxListItems; ++i) {
      list += fmt::format("- {}\n", Code(std::string(KindMarker(destructive[i]->kind)) + " " +
                                         destructive[i]->Address()));
    }
    if (destructive.size() > kMaxListItems) {
      list += fmt::format("- … {} more\n", destructive.size() - kMaxListItems);
    }
    b.Add(list + "\n");
  }
  if (total.errors > 0) {
    std::string list = fmt::format("**❌ Errors ({}):**\n\n", total.errors);
    size_t n = 0;
    for (const HostPlan* h : shown) {
      for (const std::string& e : h->errors) {
        if (n++ < kMaxListItems) list += fmt::format("- {}\n", Html(e.substr(0, 500)));
      }
    }
    if (n > kMaxListItems) list += fmt::format("- … {} more\n", n - kMaxListItems);
    b.Add(list + "\n");
  }
  if (!plan.expired_suppressions.empty()) {
    std::string list = "**Expired suppressions** (count as drift until renewed or removed):\n\n";
    for (const catalog::Suppression& s : plan.expired_suppressions) {
      list += fmt::format("- {}: {} (expired {})\n", Code(s.address), Html(s.reason), s.expires);
    }
    b.Add(list + "\n");
  }

  size_t not_shown = 0;
  for (const HostPlan* h : shown) {
    bool any = !h->handlers.empty() ||
               std::any_of(h->changes.begin(), h->changes.end(),
                           [](const Change& c) { return Shown(c); });
    if (!any) continue;  // errors only: listed above
    if (b.truncated()) {
      for (const Change& c : h->changes) not_shown += Shown(c);
      continue;
    }
    std::string open = fmt::format("<details><summary><b>{}</b>: {}</summary>\n\n", Html(h->host),
                                   SummaryCell(Summarize(*h)));
    if (!b.Add(open)) {
      for (const Change& c : h->changes) not_shown += Shown(c);
      continue;
    }
    std::vector<const Change*> order;
    for (const Change& c : h->changes) {
      if (c.kind != ChangeKind::kNothing && c.destructive) order.push_back(&c);
    }
    for (const Change& c : h->changes) {
      if (Shown(c) && !(c.kind != ChangeKind::kNothing && c.destructive)) order.push_back(&c);
    }
    Printed printed;
    for (const Change* c : order) {
      if (b.truncated() || !b.Add(ChangeBlock(*c, printed))) ++not_shown;
    }
    for (const PlannedHandler& p : h->handlers) {
      std::string why = p.pending_since.empty()
                            ? fmt::format("notified by {} change(s)", p.notified_by.size())
                            : fmt::format("left pending since {}", p.pending_since);
      if (!b.truncated()) b.Add(fmt::format("- handler {}: {} ({})\n", Code(p.id),
                                            Code(p.command), Html(why)));
    }
    b.Close("\n</details>\n\n");
  }
  if (!plan.suppressed.empty() && !b.truncated()) {
    std::string list = fmt::format("<details><summary>Suppressed drift ({})</summary>\n\n",
                                   plan.suppressed.size());
    for (const SuppressedChange& s : plan.suppressed) {
      list += fmt::format("- {}: {} (until {})\n", Code(s.change.Address()), Html(s.reason),
                          s.expires);
    }
    b.Add(list + "\n</details>\n\n");
  }
  if (b.truncated()) {
    b.Close(fmt::format("> **Truncated** to stay under {} characters{}: {}.\n", kMarkdownLimit,
                        not_shown ? fmt::format(" ({} changes not shown)", not_shown) : "",
                        kFullPlanNote));
  }
  return b.out();
}

std::string RenderJson(const Plan& plan) { return ToJson(plan, true).dump(2) + "\n"; }

}  // namespace kilter::reconciler
