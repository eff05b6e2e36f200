#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/secrets/secret_key.h"

namespace kilter::reconciler {

/// Where the controller reads secrets: its environment and its files. The
/// real one is HostSecretReader(); tests pass a fake.
class SecretReader {
 public:
  virtual ~SecretReader() = default;
  /// The variable's value; nullopt when it is not set.
  virtual std::optional<std::string> Env(const std::string& name) const = 0;
  /// The file's bytes; nullopt with `error` set when it cannot be read.
  virtual std::optional<std::string> File(const std::string& path, std::string& error) const = 0;
};

/// The controller's own environment and files.
const SecretReader& HostSecretReader();

/// What ResolveSecrets does with the fingerprints.
enum class SecretMode {
  kRecord,  ///< plan: record each secret's fingerprint in the catalog
  kVerify,  ///< apply of a saved plan: refuse a secret whose fingerprint moved
};

/// True when some resource of `catalog` takes a field from a secret.
bool HasSecrets(const catalog::Catalog& catalog);

/// Reads every secret of `catalog` into its field, in memory only (the JSON
/// forms of the catalog keep the field null), and records or verifies its
/// keyed fingerprint. Returns one message per field that failed, each naming
/// the spec location, the resource, the field and the reference; with any,
/// the catalog must not be used.
std::vector<std::string> ResolveSecrets(catalog::Catalog& catalog, const SecretReader& reader,
                                        const SecretKey& key, SecretMode mode);

}  // namespace kilter::reconciler
