#pragma once

#include <map>
#include <string>

#include "reconciler/providers/backup_policy/policy.h"
#include "reconciler/providers/backup_policy/restore_plan.h"
#include "reconciler/transport/transport.h"

/// What `backup verify` and `backup restore` run on the host: restic with
/// the policy's repository, bash scripts, exact row counts of a database.
namespace kilter::reconciler::backup {

/// `restic -r REPO --password-file FILE`, shell-quoted.
std::string Restic(const Settings& s, const Policy& p);

/// `mariadb --defaults-file=FILE`, shell-quoted.
std::string Client(const Settings& s);

/// Runs a bash script: pipefail makes a failed dump fail the restore.
CommandResult Shell(Transport& transport, std::string script);

/// "table\tcount" lines into a map.
std::map<std::string, std::string> Counts(const std::string& out);

/// A script printing "table<TAB>exact row count" for every base table of `db`.
std::string CountScript(const Settings& s, const std::string& db);

/// Replaces the policy's record of its last successful verification.
void RecordVerification(Transport& transport, const Settings& s, const Policy& p,
                        const Verification& v);

}  // namespace kilter::reconciler::backup
