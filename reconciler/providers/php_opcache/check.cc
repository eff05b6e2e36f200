#include "reconciler/providers/php_opcache/check.h"

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "reconciler/providers/php_opcache/directives.h"
#include "reconciler/providers/php_opcache/live_config.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::php_opcache {

using nlohmann::json;

namespace {

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

/// Each directive of `want` that PHP did not end up with, as an error.
void JudgeValues(const std::map<std::string, EffectiveDirective>& directives,
                 const DesiredFile& want, CheckVerdict& verdict) {
  const catalog::Resource& r = *want.resource;
  for (const auto& [field, value] : r.fields.items()) {
    if (value.is_null() || IsForcedInValidation(field)) continue;
    auto it = directives.find(DirectiveName(field));
    if (it == directives.end()) continue;
    const EffectiveDirective& d = it->second;
    Field f = FieldOf(r, field);
    if (NormalizeLive(f, value, d.value) == Canonical(f, value)) continue;
    // A file read after kilter's is a problem the plan already reports; only
    // a value PHP refuses from kilter's own file fails the check.
    if (!d.setters.empty() && d.setters.back().file != want.path) continue;
    std::string raw = d.value.is_string() ? d.value.get<std::string>() : "";
    verdict.errors.push_back(fmt::format("{}: PHP does not take {}={} from {} (it keeps \"{}\")",
                                         r.Address(), it->first, RenderIni(f, value),
                                         want.path, raw));
  }
}

}  // namespace

std::vector<std::string> StartupLines(const std::string& stderr_text) {
  static const std::regex kStamp(R"(^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4} \(\d+\): )");
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < stderr_text.size()) {
    size_t end = stderr_text.find('\n', begin);
    if (end == std::string::npos) end = stderr_text.size();
    std::string line = std::regex_replace(stderr_text.substr(begin, end - begin), kStamp, "");
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) lines.push_back(line);
    begin = end + 1;
  }
  return lines;
}

CheckVerdict JudgeCheck(const json& report, const std::string& host,
                        const std::vector<DesiredFile>& expect,
                        const std::vector<std::string>* baseline) {
  CheckVerdict verdict;
  try {
    const json& candidate = report.at("candidate");
    verdict.baseline =
        baseline ? *baseline : StartupLines(report.at("baseline").at("stderr").get<std::string>());
    const std::vector<std::string>& before = verdict.baseline;
    verdict.lines = StartupLines(candidate.at("stderr").get<std::string>());
    std::vector<std::string> fresh;
    for (const std::string& line : verdict.lines) {
      bool known = std::find(before.begin(), before.end(), line) != before.end();
      (known ? verdict.warnings : fresh).push_back(line);
    }
    int rc = candidate.at("rc").get<int>();
    if (rc != 0 || !fresh.empty()) {
      verdict.errors.push_back(fmt::format(
          "{}: PHP rejects the configuration (exit code {}):\n{}", host, rc,
          Join(fresh.empty() ? verdict.lines : fresh)));
    }
    if (!expect.empty() && !report.at("ini_dir_scanned").get<bool>()) {
      verdict.errors.push_back(fmt::format(
          "{}: PHP does not scan {}, so kilter's files there have no effect (check `ini_dir` "
          "and `php` in [providers.\"php.opcache\"])",
          host, DirName(expect.front().path)));
      return verdict;
    }
    if (rc != 0) return verdict;
    std::map<std::string, EffectiveDirective> directives =
        ParseDirectives(candidate.at("directives"));
    for (const DesiredFile& want : expect) JudgeValues(directives, want, verdict);
  } catch (const json::exception& e) {
    throw ProviderError(fmt::format("{}: php.opcache: malformed check report from PHP: {}", host,
                                    e.what()));
  }
  return verdict;
}

CheckVerdict RunCheck(Transport& transport, const Settings& settings, const StagedFiles& staged,
                      const std::vector<DesiredFile>& expect,
                      const std::vector<std::string>* baseline) {
  std::string err;
  json report = RunPhp(transport, settings.php, CheckScript(settings.ini_dir, staged), err);
  return JudgeCheck(report, transport.host(), expect, baseline);
}

}  // namespace kilter::reconciler::php_opcache
