#include "compiler/base/render_sarif.h"

#include <cctype>

#include <fmt/format.h>

#include "compiler/base/location.h"

namespace kilter::compiler {

using nlohmann::json;

namespace {

/// A file path as a relative URI reference: '/' kept, everything outside the
/// unreserved set percent-encoded.
std::string PathUri(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

json PhysicalLocation(const Span& span) {
  Location loc = Locate(span);
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", PathUri(loc.file)}, {"uriBaseId", "%SRCROOT%"}}},
            {"region",
             {{"startLine", loc.line},
              {"startColumn", loc.column},
              {"endLine", loc.end_line},
              {"endColumn", loc.end_column}}}}}};
}

const char* Level(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

}  // namespace

json RenderSarif(const Diagnostics& diags, const SarifTool& tool) {
  json rules = json::array();
  std::map<std::string, size_t> rule_index;
  json results = json::array();
  // Accepted warnings go in as suppressed results: code scanning shows them
  // as dismissed in source, with the spec's reason.
  std::vector<std::pair<const Diagnostic*, const Acceptance*>> shown;
  for (const Diagnostic& d : diags.all()) shown.push_back({&d, nullptr});
  for (const AcceptedWarning& a : diags.accepted()) shown.push_back({&a.warning, &a.acceptance});
  for (const auto& [diag, acceptance] : shown) {
    const Diagnostic& d = *diag;
    std::string code = d.code.empty() ? "kilter" : d.code;
    auto [it, added] = rule_index.emplace(code, rule_index.size());
    if (added) {
      auto title = tool.rule_titles.find(code);
      rules.push_back(
          {{"id", code},
           {"shortDescription",
            {{"text", title != tool.rule_titles.end() ? title->second : d.message}}},
           {"helpUri", tool.help_uri_prefix + code + ".md"},
           {"defaultConfiguration", {{"level", Level(d.severity)}}}});
    }
    std::string text = d.hint.empty() ? d.message : d.message + " (" + d.hint + ")";
    json result = {{"ruleId", code},
                   {"ruleIndex", it->second},
                   {"level", Level(d.severity)},
                   {"message", {{"text", text}}}};
    // A location-less diagnostic (an unreadable path) still must not lose its
    // place in the log; SARIF allows results without locations.
    result["locations"] = json::array();
    if (d.span.valid()) result["locations"].push_back(PhysicalLocation(d.span));
    if (!d.related.empty()) {
      json related = json::array();
      for (size_t i = 0; i < d.related.size(); ++i) {
        if (!d.related[i].span.valid()) continue;
        json loc = PhysicalLocation(d.related[i].span);
        loc["id"] = i;
        loc["message"] = {{"text", d.related[i].message}};
        related.push_back(std::move(loc));
      }
      result["relatedLocations"] = std::move(related);
    }
    if (acceptance) {
      result["suppressions"] = json::array(
          {{{"kind", "inSource"}, {"justification", acceptance->reason}}});
    }
    results.push_back(std::move(result));
  }
  json driver = {{"name", "kilter"},
                 {"version", tool.version},
                 {"rules", rules}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs",
           json::array({{{"tool", {{"driver", driver}}},
                         {"columnKind", "unicodeCodePoints"},
                         {"results", results}}})}};
}

}  // namespace kilter::compiler
