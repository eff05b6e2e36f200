#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/kit/setting_planes.h"

/// The settings a redis.server resource declares, each as redis-server
/// names it, the value CONFIG SET gets, the lines kilter's file holds, and
/// how a value read from the server or a file is put in canonical form.
namespace kilter::reconciler::redis_server {

/// How values of a setting compare.
enum class Kind {
  kMemory,  ///< bytes: "1gb", "1073741824", "1g" (10^9)
  kWord,    ///< case-insensitive: "allkeys-lru", "yes"
  kNumber,  ///< a whole number
  kSave,    ///< save rules, normalised (CanonicalSave)
  kText,    ///< blanks collapsed ("127.0.0.1 -::1")
  kAny,     ///< a parameter kilter has no type for (CanonicalAny)
  kSecret,  ///< compared on the controller, never shown (requirepass)
  kRename,  ///< rename-command: the name a command answers to
};

struct DeclaredSetting {
  std::string param;  ///< "maxmemory", "rename-command FLUSHALL"
  std::string field;  ///< the spec's field: "maxmemory", "parameters"
  Kind kind = Kind::kText;
  kit::Takes takes = kit::Takes::kLive;
  std::string shown;      ///< as the spec writes it: "1GiB", "300s"
  std::string value;      ///< what CONFIG SET gets and the file holds: "1073741824"
  std::string file_line;  ///< the line of kilter's file: "maxmemory 1gb"
};

/// The canonical form of a value of `kind` as the server or a file gives it.
std::string Canonical(Kind kind, const std::string& value);

/// Every setting `resource` declares: its typed fields in schema order, then
/// its renames, then its parameters. Throws ProviderError naming the
/// resource and the spec location for a parameter the schema cannot check:
/// one set twice (as a field and in parameters), a secret or an include,
/// or a value that is not text, a number or a bool.
std::vector<DeclaredSetting> DeclaredSettings(const catalog::Resource& resource);

/// The typed field that sets parameter `param` ("tcp-keepalive" ->
/// "tcp_keepalive") and its kind; nullopt for a parameter without one.
std::optional<std::pair<std::string, Kind>> FieldOfParam(const std::string& param);

/// "file:line:col" of the resource.
std::string Where(const catalog::Resource& resource);

}  // namespace kilter::reconciler::redis_server
