#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/mysql_client.h"

namespace kilter::reconciler::mysql {

/// [providers."mysql.index"] in kilter.toml, declared with defaults and
/// rules in stdlib/schemas/mysql.kilt (`settings mysql.index`).
struct Settings : ClientSettings {
  int lock_wait_timeout = 0;           ///< seconds an ALTER waits for a metadata lock
  bool validate = false;               ///< prove statements on a scratch copy at plan time
  std::vector<std::string> databases;  ///< read in full besides the declared ones
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, client, defaults_file, lock_wait_timeout,
                                   connect_timeout, validate, databases)

/// What a failure of the client is about, for DescribeFailure:
/// "HOST: mysql.index: database DBS: ".
inline std::string IndexWhat(const std::string& host, const std::string& databases) {
  return host + ": mysql.index: database " + databases + ": ";
}

}  // namespace kilter::reconciler::mysql
