#pragma once

#include <set>
#include <string>

#include "reconciler/providers/mysql_index/live_schema.h"
#include "reconciler/providers/mysql_index/settings.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler::mysql {

/// Runs ReadSql for `databases` (and the columns of `tables`) through the
/// host's client in one batch. Throws ProviderError naming the host and the
/// databases when the client fails or its output is not ReadSql's.
LiveSchema ReadLiveSchema(Transport& transport, const std::string& host, const Settings& settings,
                          const std::set<std::string>& databases,
                          const std::set<TableRef>& tables);

}  // namespace kilter::reconciler::mysql
