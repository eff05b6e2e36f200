#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/mysql_server/server_state.h"

/// `kilter import --type mysql.server`: a server's variables as one
/// mysql.server resource (docs/providers/mysql.server.md, Import).
namespace kilter::reconciler::mysql_server {

/// --variable NAME.
std::vector<ImportFilter> ImportFilters();

/// One resource "server" holding the live values of `names` (lower case):
/// the schema's typed fields where it has one, `variables` for the rest. A
/// comment on a value the option files do not start the server with; a
/// note for a name the server has no variable of.
kit::SpecFile ImportedServer(const std::string& host, const ServerState& state,
                             const std::vector<std::string>& names);

/// Reads the --variable names, or every option the server starts with (two
/// batches: the options, then their variables), leaving out the variables the
/// specs already declare on the host.
kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request);

}  // namespace kilter::reconciler::mysql_server
