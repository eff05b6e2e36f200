#pragma once

#include <string>
#include <vector>

#include "reconciler/transport/transport.h"

/// Running SQL through the host's own `mariadb`/`mysql` client: credentials
/// only from the option file named in kilter.toml, SQL only on stdin, so
/// neither ever appears on a command line, in a plan or in a log.
namespace kilter::reconciler::mysql {

/// How a provider reaches a server through its client (the part of
/// mysql.index's and mysql.server's settings they share).
struct ClientSettings {
  std::string client;         ///< "mariadb" or "mysql"
  std::string defaults_file;  ///< empty: the client's own defaults (e.g. ~/.my.cnf)
  int connect_timeout = 0;
};

/// The client command running `sql` (fed on stdin). With `force`, the client
/// goes on after a failing statement, so a scratch schema is still dropped.
Command ClientCommand(const ClientSettings& settings, const std::string& sql, bool force = false);

/// `name` quoted as a MySQL identifier.
std::string QuoteIdent(const std::string& name);

/// `text` as a single-quoted SQL string literal on one line.
std::string QuoteString(const std::string& text);

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
std::string DescribeFailure(const std::string& what, const ClientSettings& settings,
                            const CommandResult& result);

}  // namespace kilter::reconciler::mysql
