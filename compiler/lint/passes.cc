#include "compiler/lint/lint.h"

#include "compiler/lint/checked_by.h"
#include "compiler/lint/firewall_lints.h"
#include "compiler/lint/maintenance_lints.h"
#include "compiler/lint/mysql_index_lints.h"
#include "compiler/lint/nginx_lints.h"
#include "compiler/lint/partition_coverage.h"
#include "compiler/lint/secret_lints.h"

namespace kilter::compiler {

namespace {

/// Every cross-resource lint, one line each.
const LintPass kPasses[] = {
    LintFirewall,
    LintMysqlIndexes,
    CheckPartitionCoverage,
    LintMaintenance,
    CheckCheckedBy,
    LintNginx,
    LintSecrets,
};

}  // namespace

void RunLints(const std::vector<EvaluatedResource>& resources, Diagnostics& diags) {
  for (LintPass pass : kPasses) {
    if (pass) pass(resources, diags);
  }
}

}  // namespace kilter::compiler
