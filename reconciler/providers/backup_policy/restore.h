#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/backup_policy/operations.h"
#include "reconciler/transport/transport.h"

/// `kilter backup restore`: a database snapshot restored for real.
namespace kilter::reconciler::backup {

struct RestoreRequest {
  std::string snapshot;           ///< an id (prefix); empty: by `before`, else the newest
  std::optional<int64_t> before;  ///< the newest snapshot older than this (epoch seconds)
  std::string to;                 ///< the new database restored into; must not exist
  bool replace = false;           ///< swap the verified restore into the live database
};

/// Restores a snapshot of a database policy into the new database `to`,
/// checks every table's row count against the counts the snapshot records,
/// and records how long it took (Policy::VerificationPath). A failed load or
/// check drops `to`, which it created, and nothing else. With `replace`, a
/// verified restore then moves, in one RENAME TABLE, every live table into
/// `DATABASE_before_restore_<UTC time>` and every restored one into the live
/// database. The caller holds the host's apply lock for a replace.
Report Restore(Transport& transport, const nlohmann::json& settings,
               const catalog::Resource& policy, const RestoreRequest& request);

}  // namespace kilter::reconciler::backup
