#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/mysql_server/server_state.h"

/// Server variable values in the three forms kilter needs: what SET GLOBAL
/// takes, what an option file holds, and one canonical form to compare
/// (ON = 1 = TRUE, 1G = 1073741824, 0.03 = 0.030000, sizes rounded down to
/// the server's block size as it does itself).
namespace kilter::reconciler::mysql_server {

/// The resource type, as the marks of its files name it.
inline constexpr const char* kType = "mysql.server";

/// One variable a resource declares.
struct Declared {
  std::string name;      ///< lower case, underscores: "innodb_buffer_pool_size"
  nlohmann::json value;  ///< as the catalog carries it (bytes, milliseconds, …)
  std::string unit;      ///< "size", "duration" or "" (the schema field's type)
  std::string written;   ///< the unit the spec wrote a size or duration in ("MiB")
};

/// The server variables the resource sets: its typed fields (not
/// `restart`, which is kilter's), then its `variables`, by name.
std::vector<Declared> DeclaredOf(const catalog::Resource& resource);

/// A declared value in the server's terms.
struct ServerValue {
  std::string sql;        ///< for SET GLOBAL name = SQL
  std::string option;     ///< for `name = OPTION` in an option file
  std::string canonical;  ///< compared
  std::string shown;      ///< as the spec wrote it
};

/// `d` for the server's `var`. Throws std::invalid_argument saying why the
/// server would refuse or change it (out of its range, not one of its
/// values, a fraction of a second where it counts seconds).
ServerValue ToServer(const Declared& d, const ServerVariable& var);

/// A value the server printed or an option file holds, in canonical form.
std::string Canonical(const std::string& raw, const ServerVariable& var);

/// A value the server printed, in the unit `d` was written in ("268435456"
/// -> "256MiB", "0.030000" -> "30ms"); as printed for anything else.
std::string Shown(const std::string& raw, const ServerVariable& var, const Declared& d);

/// A value the server printed, as SET GLOBAL takes it back.
std::string SqlOf(const std::string& raw, const ServerVariable& var);

}  // namespace kilter::reconciler::mysql_server
