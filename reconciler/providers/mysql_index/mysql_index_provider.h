#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler {

/// mysql.index and mysql.table_indexes: secondary indexes of MySQL/MariaDB
/// tables, owned through a mark in the index comment (docs/providers/mysql.index.md).
std::unique_ptr<Provider> MakeMysqlIndexProvider();

}  // namespace kilter::reconciler
