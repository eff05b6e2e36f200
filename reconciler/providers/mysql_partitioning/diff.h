#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/mysql_partitioning/live_table.h"
#include "reconciler/providers/mysql_partitioning/window.h"

/// The plan of one mysql.partitioning resource: a pure function of the
/// declared window, the table as read, the clock and the covering backup.
namespace kilter::reconciler::mysql_partitioning {

/// A resource's fields.
struct Declared {
  std::string database;
  std::string table;
  std::string column;
  WindowSpec window;
  std::string covered_by;  ///< the backup.policy's name

  static Declared From(const catalog::Resource& resource);
};

/// What the covering backup.policy has recorded on the host.
struct Coverage {
  bool declared = false;            ///< a backup.policy of that name is declared on the host
  std::optional<int64_t> snapshot;  ///< when its last successful backup finished (UTC seconds)
  std::string snapshot_text;        ///< that time as recorded (RFC 3339)
};

/// The clock the window is planned at.
struct Clock {
  int64_t now = 0;          ///< seconds since the epoch (the server's, or --now)
  ServerClock server;       ///< as read: the zone's offset, the server's own now and uptime
};

/// The change for `resource` given its table as read. Throws ProviderError,
/// naming the host and resource and changing nothing, when the table cannot
/// hold the window: missing, a column of the wrong type, partitioned another
/// way, or a PRIMARY/UNIQUE key without the partition column (the server's
/// rule, the key, and the two ways out).
Change DiffTable(const catalog::Resource& resource, const LiveTable& table, const Clock& clock,
                 const Coverage& coverage);

}  // namespace kilter::reconciler::mysql_partitioning
