#pragma once

#include <string>
#include <vector>

#include "reconciler/plan/change.h"
#include "reconciler/providers/mysql_index/settings.h"
#include "reconciler/transport/transport.h"

/// Plan-time proof of a host's ALTER statements, without touching its tables.
namespace kilter::reconciler::mysql {

/// In one client run: creates the schema `scratch`, runs every ALTER of
/// `changes` on an empty `CREATE TABLE ... LIKE` copy of its table there,
/// counts the existing rows that each new unique index would reject, and
/// drops the schema again (the client goes on past failures, so the drop
/// always runs). Throws ProviderError naming host, resource and statement
/// for each statement that fails and each unique index that duplicates
/// would violate. When the server denies the account the scratch schema,
/// nothing was proven: the first change gets one warning saying so, with
/// the GRANT that is missing and the setting that turns the proof off.
void ProveOnScratch(Transport& transport, const std::string& host, const Settings& settings,
                    const std::string& scratch, std::vector<Change>& changes);

/// The SQL of that run, one statement per line (the client reports errors
/// by line), and what each line is for.
struct ScratchScript {
  std::string sql;
  std::vector<std::string> purpose;  ///< line N-1: "ALTER TABLE `db`.`t` ..." or a set-up step
  std::vector<const Change*> change;  ///< line N-1: the change it proves, or null
};
ScratchScript BuildScratchScript(const std::string& scratch, const std::vector<Change>& changes);

}  // namespace kilter::reconciler::mysql
