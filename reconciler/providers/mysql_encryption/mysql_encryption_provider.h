#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_encryption {

/// mysql.encryption: MariaDB data-at-rest encryption through a key file and
/// an option file kilter owns, verified table by table
/// (docs/providers/mysql.encryption.md).
class MysqlEncryptionProvider : public Provider {
 public:
  std::string name() const override { return "mysql.encryption"; }
  std::vector<std::string> types() const override { return {"mysql.encryption"}; }

  /// One batch: the plugin, the variables and the tables through the client,
  /// the key file's stat and digest (never its content), the option files.
  LiveState Read(Transport& transport, const ProviderContext& context) override;
  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override;
  /// The key file, then the live variables and kilter's option file (put
  /// back when the server's config check fails), the restart where allowed,
  /// the ALTER TABLEs, and a bounded wait for the encryption threads.
  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override;
};

/// The registry's factory.
std::unique_ptr<Provider> MakeMysqlEncryptionProvider();

}  // namespace kilter::reconciler::mysql_encryption
