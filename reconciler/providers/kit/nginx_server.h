#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

/// A server of an nginx upstream as the specs declare it (nginx.upstream's
/// `servers`, bluegreen.service's slots: one schema, stdlib's
/// schemas/nginx.kilt and bluegreen.kilt), and the one rendering of it as
/// nginx's `server` line.
namespace kilter::reconciler::kit {

struct NginxServer {
  std::string address;  ///< host:port, [IPv6]:port or unix:/path
  int64_t weight = 1;
  int64_t max_fails = 1;
  std::chrono::milliseconds fail_timeout{10000};
  bool backup = false;
  bool drain = false;  ///< written `down`; apply waits until nginx holds no connection to it

  /// The server of a declared object (address, weight, max_fails,
  /// fail_timeout in ms, backup, drain; the schema's defaults where absent).
  static NginxServer From(const nlohmann::json& fields);
};

/// Every server of a declared list.
std::vector<NginxServer> NginxServers(const nlohmann::json& list);

/// nginx's time syntax: whole seconds as "10s", else milliseconds ("1500ms").
std::string NginxTime(std::chrono::milliseconds ms);

/// "    server ADDRESS[ weight=N] max_fails=N fail_timeout=T[ backup][ down];\n":
/// weight only when not 1; a drained server is written `down`.
std::string NginxServerLine(const NginxServer& server);

}  // namespace kilter::reconciler::kit
