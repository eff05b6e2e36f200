#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/transport/transport.h"

/// Running SQL through the host's own `mariadb`/`mysql` client: credentials
/// only from the option file named in kilter.toml, SQL only on stdin, so
/// neither ever appears on a command line, in a plan or in a log.
namespace kilter::reconciler::mysql {

/// [providers."mysql.index"] in kilter.toml, declared with defaults and
/// rules in stdlib/schemas/mysql.kilt (`settings mysql.index`).
struct Settings {
  std::string client;
  std::string defaults_file;  ///< empty: the client's own defaults (e.g. ~/.my.cnf)
  int lock_wait_timeout = 0;  ///< seconds an ALTER waits for a metadata lock
  int connect_timeout = 0;
  bool validate = false;               ///< prove statements on a scratch copy at plan time
  std::vector<std::string> databases;  ///< read in full besides the declared ones
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Settings, client, defaults_file, lock_wait_timeout,
                                   connect_timeout, validate, databases)

/// The client command running `sql` (fed on stdin). With `force`, the client
/// goes on after a failing statement, so a scratch schema is still dropped.
Command ClientCommand(const Settings& settings, const std::string& sql, bool force = false);

/// One "ERROR 1205 (HY000) at line 2: Lock wait timeout exceeded" of the
/// client's stderr.
struct SqlError {
  int code = 0;
  int line = 0;  ///< 0 when the client did not say
  std::string message;  ///< "ERROR 1205 (HY000) at line 2: ..."
};
std::vector<SqlError> ParseErrors(const std::string& err);

/// Why the client failed, for a ProviderError: `what` ("HOST: mysql.index:
/// database shop: ") then what to check (credentials, client, option file).
std::string DescribeFailure(const std::string& what, const Settings& settings,
                            const CommandResult& result);

/// The `what` of a mysql.index failure: "HOST: mysql.index: database DBS: ".
std::string IndexWhat(const std::string& host, const std::string& databases);

}  // namespace kilter::reconciler::mysql
