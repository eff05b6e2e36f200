#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/redis_server/settings.h"
#include "reconciler/transport/transport.h"

/// What redis.server reads of one server, in one batch with the host's
/// other servers: every parameter (CONFIG GET *), the commands it answers
/// to when renames are declared (COMMAND INFO), and its main config file
/// with every file it includes. No secret leaves Read: the password
/// parameters and lines are replaced by whether they hold the declared
/// password (kSameSecret) or not (kOtherSecret), so the saved plan holds
/// neither the password nor a digest of it.
namespace kilter::reconciler::redis_server {

inline constexpr const char* kSameSecret = "(sensitive: the declared value)";
inline constexpr const char* kOtherSecret = "(sensitive: another value)";

/// What one server holds, as the provider's LiveState carries it.
struct ServerState {
  std::map<std::string, std::string> config;      ///< CONFIG GET *, secrets replaced
  std::vector<std::string> commands;              ///< of the renames' names, those the server knows
  std::map<std::string, std::string> files;       ///< path -> content, secrets replaced
  bool owned_exists = false;                      ///< kilter's file is on the host
  bool owned_intact = false;                      ///< ... as kilter wrote it (its seal holds)
  bool owned_current = false;                     ///< ... and as the specs want it now

  nlohmann::json ToJson() const;
  /// Throws std::invalid_argument on a document ToJson did not write.
  static ServerState FromJson(const nlohmann::json& json);
};

/// kilter's file for `resource`: kilter-NAME.conf beside its config_file.
std::string OwnedPath(const catalog::Resource& resource);

/// The redis-cli command line for `resource` (no password on it), to which
/// the redis command's words are appended; it fails on an error reply. With
/// a declared password, it reads it from the first line of its stdin.
std::string CliCommand(const Settings& settings, const catalog::Resource& resource);

/// What CliCommand's stdin starts with: the declared password and a
/// newline, or "" when none is declared.
std::string AuthLine(const catalog::Resource& resource);

/// Adds the reads of `resource` to `batch`.
void AddReads(kit::ReadBatch& batch, const Settings& settings, const catalog::Resource& resource);

/// The state of `resource`'s server from the batch; `want` is kilter's file
/// as the specs want it. Throws std::invalid_argument naming what failed.
ServerState StateFrom(const catalog::Resource& resource, const kit::BatchResult& read,
                      const std::string& want);

/// `content` with the value of every requirepass and masterauth line, and
/// the seal of kilter's mark, replaced: kSameSecret when it is `secret`.
std::string Scrub(const std::string& content, const std::string& secret);

}  // namespace kilter::reconciler::redis_server
