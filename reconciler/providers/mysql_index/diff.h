#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/mysql_index/live_schema.h"

/// The pure diff of declared against live indexes on one host.
namespace kilter::reconciler::mysql {

/// One Change per declared resource (kNothing included), a kDelete per index
/// carrying kilter's mark whose resource is gone, and the drops of exclusive
/// tables. Every change that touches a table carries that table's one
/// ALTER TABLE statement as its "sql" action. Throws ProviderError listing
/// every problem (missing table or column, bad prefix, ...) when there is one.
std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const LiveSchema& live);

}  // namespace kilter::reconciler::mysql
