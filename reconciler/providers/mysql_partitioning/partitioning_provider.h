#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_partitioning {

/// mysql.partitioning: a rolling window of RANGE COLUMNS partitions of a
/// MariaDB table (docs/providers/mysql.partitioning.md). Owns no files: the
/// table's partitions are the state, read from information_schema together
/// with the covering backup.policy's record, in one batch per host.
std::unique_ptr<Provider> MakePartitioningProvider();

}  // namespace kilter::reconciler::mysql_partitioning
