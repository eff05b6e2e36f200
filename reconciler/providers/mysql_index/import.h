#pragma once

#include <vector>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/mysql_index/live_schema.h"

/// `kilter import --type mysql.index`: a server's secondary indexes as
/// mysql.index resources (docs/providers/mysql.index.md, Import).
namespace kilter::reconciler::mysql {

/// --database (required), --table.
std::vector<ImportFilter> ImportFilters();

/// One resource per secondary index of the tables `request` names (PRIMARY
/// left out), named TABLE.INDEX, or by its mark's resource where kilter
/// created it; DATABASE.TABLE.INDEX when several databases are imported.
/// `declared` holds "db.table.index" (lower case) of the indexes the specs
/// declare, which are left out. A note for each index the schema cannot
/// declare (HASH).
kit::SpecFile ImportedIndexes(const std::string& host, const LiveSchema& schema,
                              const ImportRequest& request,
                              const std::vector<std::string>& declared);

/// Reads the --database databases in one batch.
kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request);

}  // namespace kilter::reconciler::mysql
