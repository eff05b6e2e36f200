#pragma once

#include <memory>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_server {

/// mysql.server: server variables of a MariaDB server, live through SET
/// GLOBAL and persisted in one option file per resource that kilter owns
/// (docs/providers/mysql.server.md).
class MysqlServerProvider : public Provider, public Importer {
 public:
  std::string name() const override { return "mysql.server"; }
  std::vector<std::string> types() const override { return {"mysql.server"}; }

  /// One batch: the declared variables, the server's start options, kilter's files.
  LiveState Read(Transport& transport, const ProviderContext& context) override;
  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override;
  /// SET GLOBAL for each dynamic variable whose live value differs, then
  /// kilter's files; when the server refuses a value or a file cannot be
  /// written, puts the live values back and persists nothing more.
  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override;

  std::vector<ImportFilter> ImportFilters() const override;
  /// One batch for --variable names; without, a first one for the options.
  kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                       const ImportRequest& request) override;
};

/// The registry's factory.
std::unique_ptr<Provider> MakeMysqlServerProvider();

}  // namespace kilter::reconciler::mysql_server
