#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

/// The desired state of an estate: what the compiler produces and the only
/// thing the reconciler reads. Plain data with a versioned JSON form
/// (docs/catalog-format.md).
namespace kilter::catalog {

inline constexpr int kCatalogVersion = 1;
/// The version a catalog with secrets is written as: a reader of version 1
/// only would see their fields null, so it must refuse the document.
inline constexpr int kCatalogSecretsVersion = 2;

struct SourceLocation {
  std::string file;
  uint32_t line = 0;
  uint32_t col = 0;
};

/// One piece of a secret: literal text, or where the controller reads the rest.
struct SecretPart {
  std::string source;  ///< "text", "env" or "file"
  std::string value;   ///< the text, the variable's name, or the file's path
};

/// A field whose value is read on the controller at plan and apply and
/// exists only in memory (docs/secrets.md). Its value in `fields` is null in
/// every JSON form of the catalog.
struct Secret {
  std::vector<SecretPart> parts;  ///< concatenated in order
  /// "hmac-sha256:KEYID:MAC" of the value as resolved for the plan; empty
  /// before resolution.
  std::string fingerprint;

  /// `env("DB_PASS")`, or `"password=${env("DB_PASS")}"`: the reference, for
  /// messages.
  std::string Describe() const;
};

/// One resource on one host. Field values are JSON with units normalised:
/// size in bytes (integer), duration in milliseconds (integer), ip and cidr as
/// canonical strings, port as integer, a range as {"from": a, "to": b}.
struct Resource {
  std::string type;  ///< "php.opcache"
  std::string name;  ///< "storefront", "shop.main" when made by `use`
  std::string host;  ///< inventory host name
  nlohmann::json fields = nlohmann::json::object();  ///< every schema field, defaults applied
  std::map<std::string, std::string> field_types;    ///< field -> schema type name, for display
  /// field -> the unit the spec wrote a size or duration in ("MiB", "s"), so
  /// outputs show values the way the spec does; absent: no literal to follow.
  std::map<std::string, std::string> field_units;
  /// Fields that hold their schema's default because the spec did not set
  /// them (fields without a default are null and not listed).
  std::vector<std::string> defaulted;
  std::vector<std::string> sensitive;                ///< fields to redact in every output
  std::vector<std::string> after;                    ///< addresses this resource must follow
  std::map<std::string, Secret> secrets;             ///< field -> where its value comes from
  SourceLocation source;

  /// `TYPE "NAME" @ HOST`, the address every output uses.
  std::string Address() const;
};

/// An inventory host with its provider settings already merged
/// (global [providers."T"] overlaid by [hosts.H.providers."T"]).
struct Host {
  std::string name;
  std::string address;
  std::string user;  ///< empty: the current user
  int port = 22;
  std::string transport = "ssh";  ///< "ssh" or "local"
  std::string identity;           ///< private key file; empty: agent and ~/.ssh defaults
  nlohmann::json providers = nlohmann::json::object();  ///< type -> settings object
};

/// Known drift that should not fail `kilter drift` until `expires`.
struct Suppression {
  std::string address;
  std::string reason;
  std::string expires;  ///< YYYY-MM-DD
};

struct Catalog {
  int version = kCatalogVersion;
  std::vector<Host> hosts;
  std::vector<Resource> resources;  ///< in spec order
  std::string known_hosts;          ///< [ssh] known_hosts; empty: ~/.ssh/known_hosts
  std::vector<Suppression> suppressions;
  nlohmann::json params = nlohmann::json::object();  ///< the evaluated params

  const Host* FindHost(const std::string& name) const;
};

/// A catalog JSON document that does not follow docs/catalog-format.md.
class CatalogError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

nlohmann::json ToJson(const Catalog& catalog);
/// Throws CatalogError naming the offending key.
Catalog FromJson(const nlohmann::json& json);

}  // namespace kilter::catalog
