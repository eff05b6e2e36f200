#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "compiler/base/diagnostic.h"

namespace kilter::compiler {

/// What a SARIF log says about the tool that wrote it.
struct SarifTool {
  std::string version;
  /// Code -> one-line description (the title of docs/errors/CODE.md), for
  /// each rule's shortDescription; codes missing here get their first message.
  std::map<std::string, std::string> rule_titles;
  /// Prefix of every rule's helpUri; the URI is PREFIX + CODE + ".md".
  std::string help_uri_prefix = "docs/errors/";
};

/// The diagnostics as a SARIF 2.1.0 log (one run) for code-scanning tools:
/// one rule per code in runs[0].tool.driver.rules, one result per diagnostic
/// with its level, message and physical location (region columns counted in
/// code points, end exclusive), related spans as relatedLocations.
nlohmann::json RenderSarif(const Diagnostics& diags, const SarifTool& tool);

}  // namespace kilter::compiler
