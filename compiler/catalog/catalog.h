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

struct SourceLocation {
  std::string file;
  uint32_t line = 0;
  uint32_t col = 0;
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
  std::vector<std::string> sensitive;                ///< fields to redact in every output
  std::vector<std::string> after;                    ///< addresses this resource must follow
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
