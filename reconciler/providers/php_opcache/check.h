#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/php_opcache/diff.h"
#include "reconciler/providers/php_opcache/php_scripts.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler::php_opcache {

/// PHP's verdict on a configuration, judged against what kilter wants.
struct CheckVerdict {
  std::vector<std::string> errors;    ///< any one fails the check
  std::vector<std::string> warnings;  ///< problems PHP already had before kilter's change
  std::vector<std::string> lines;     ///< PHP's startup messages for the checked configuration
  std::vector<std::string> baseline;  ///< PHP's startup messages for the configuration as it was
};

/// Judges the check program's output (php_scripts.h). PHP fails the
/// configuration when it exits non-zero or prints a startup message that the
/// baseline (`baseline`, or the report's own when null) did not print, or
/// when PHP does not take a directive of `expect` from kilter's file (a file
/// read later that sets it is a problem Diff reports, not a failed check).
CheckVerdict JudgeCheck(const nlohmann::json& report, const std::string& host,
                        const std::vector<DesiredFile>& expect,
                        const std::vector<std::string>* baseline);

/// Runs the check program through the host's PHP (one command) and judges it.
/// Throws ProviderError when the program itself cannot run.
CheckVerdict RunCheck(Transport& transport, const Settings& settings, const StagedFiles& staged,
                      const std::vector<DesiredFile>& expect,
                      const std::vector<std::string>* baseline);

/// PHP's startup messages, one per line, without the timestamp and pid PHP
/// puts in front of fatal errors, so two runs compare equal.
std::vector<std::string> StartupLines(const std::string& stderr_text);

}  // namespace kilter::reconciler::php_opcache
