#pragma once

#include <optional>
#include <string>

#include "reconciler/providers/mysql_partitioning/live_table.h"

/// Why a table cannot hold a declared window, in the server's words and with
/// the ways out. Pure.
namespace kilter::reconciler::mysql_partitioning {

/// The keys that break MariaDB's rule for partitioned tables (every PRIMARY
/// and UNIQUE key includes all columns of the partitioning function), named,
/// with the two ways out: add the column to each key (the ALTER), or
/// partition by a column every unique key includes. nullopt when every key
/// includes `column`.
std::optional<std::string> KeyRefusal(const std::string& database, const std::string& table,
                                      const std::string& column, const LiveTable& live);

/// Why the column's type does not fit the interval ("date_added is a
/// timestamp column: ..."); nullopt when it fits.
std::optional<std::string> TypeRefusal(const std::string& column, const std::string& type,
                                       bool id_interval);

}  // namespace kilter::reconciler::mysql_partitioning
