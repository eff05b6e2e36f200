#include "reconciler/providers/mysql_index/host_read.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql {

namespace {

std::string JoinDatabases(const std::set<std::string>& dbs) {
  return dbs.empty() ? "(none)" : fmt::format("{}", fmt::join(dbs, ", "));
}

}  // namespace

LiveSchema ReadLiveSchema(Transport& transport, const std::string& host, const Settings& settings,
                          const std::set<std::string>& databases,
                          const std::set<TableRef>& tables) {
  Command client = ClientCommand(settings, ReadSql(databases, tables));
  kit::ReadBatch batch;
  batch.AddCommand("indexes", client.Display(), client.stdin_data);
  kit::CommandRead read = kit::Read(transport, batch, host, "mysql.index").Command("indexes");
  CommandResult result{read.exit_code, read.out, read.err};
  if (!result.ok()) {
    throw ProviderError(
        DescribeFailure(IndexWhat(host, JoinDatabases(databases)), settings, result));
  }
  try {
    return ParseReadOutput(result.out);
  } catch (const std::exception& e) {
    throw ProviderError(fmt::format("{}: mysql.index: reading indexes of {}: {}", host,
                                    JoinDatabases(databases), e.what()));
  }
}

}  // namespace kilter::reconciler::mysql
