#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "reconciler/transport/transport.h"

/// The PHP programs kilter runs on a host, through the host's own PHP (the
/// `php` setting), so the configuration they see is the one PHP sees. Each
/// goes to PHP on stdin and prints one JSON document on stdout; PHP's own
/// warnings go to stderr.
namespace kilter::reconciler::php_opcache {

/// Files to stage: path -> new content, or nullopt to remove the file.
using StagedFiles = std::map<std::string, std::optional<std::string>>;

/// Prints the effective configuration: PHP's version and binary, its php.ini,
/// the directories it scans and the files it scanned, every opcache.*
/// directive with its value and the files that set it, and every file in
/// `ini_dir` that carries kilter's mark. Output documented in
/// docs/providers/php.opcache.md.
std::string ReadScript(const std::string &ini_dir);

/// Rebuilds the configuration PHP sees in a scratch directory on the host
/// (copies of every scanned directory with `staged` applied), starts PHP on it
/// with opcache on, and prints its exit status, its startup errors and the
/// opcache directives it ended up with (value and setting file). With
/// `staged` empty it checks the configuration as it is on disk.
std::string CheckScript(const std::string &ini_dir, const StagedFiles &staged);

/// The command that runs `script` through the host's PHP: the `php` setting
/// followed by flags that keep PHP's warnings off stdout.
Command PhpCommand(const std::string &php, const std::string &script);

/// Runs `script` with PhpCommand and parses the JSON it prints; PHP's stderr
/// goes to `err`. Throws ProviderError naming the host and the command when
/// PHP cannot be started, fails, or prints something that is not JSON; when
/// `missing` is given, a command that is not found sets it and returns null.
nlohmann::json RunPhp(Transport &transport, const std::string &php, const std::string &script,
                      std::string &err, bool *missing = nullptr);

/// What RunPhp makes of `result`, the result of `command` on `host` (run
/// alone or as part of a batched read), with the same errors.
nlohmann::json PhpReport(const std::string &host, const Command &command,
                         const CommandResult &result, std::string &err, bool *missing = nullptr);

}  // namespace kilter::reconciler::php_opcache
