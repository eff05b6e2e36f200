#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/mysql_server/server_state.h"
#include "reconciler/providers/mysql_server/settings.h"

/// What mysql.server reads on a host, in one batch: the declared variables
/// from information_schema.SYSTEM_VARIABLES (one query through the client),
/// the options the server would start with (`my_print_defaults --mysqld`) and
/// kilter's option files in include_dir.
namespace kilter::reconciler::mysql_server {

/// The batch that reads the variables `names` (lower case).
kit::ReadBatch ReadBatchFor(const Settings& settings, const std::vector<std::string>& names);

/// The state the batch read; throws ProviderError naming `host` when the
/// client or the server program failed.
ServerState StateFrom(const std::string& host, const Settings& settings,
                      const kit::BatchResult& read);

}  // namespace kilter::reconciler::mysql_server
