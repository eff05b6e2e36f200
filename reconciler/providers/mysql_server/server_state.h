#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

/// What mysql.server reads of a server: its variables as it reports them,
/// the options it would start with, and kilter's option files.
namespace kilter::reconciler::mysql_server {

/// One row of information_schema.SYSTEM_VARIABLES.
struct ServerVariable {
  std::string value;  ///< GLOBAL_VALUE as the server prints it ("ON", "0.030000")
  std::string type;   ///< VARIABLE_TYPE: "BOOLEAN", "BIGINT UNSIGNED", "DOUBLE", "ENUM", …
  bool read_only = false;           ///< only a restart changes it
  std::optional<std::string> min;   ///< NUMERIC_MIN_VALUE
  std::optional<std::string> max;   ///< NUMERIC_MAX_VALUE
  int64_t block = 0;                ///< NUMERIC_BLOCK_SIZE: the server rounds down to it
  std::vector<std::string> values;  ///< ENUM_VALUE_LIST, upper case; empty: any
};

struct ServerState {
  std::string version;
  std::map<std::string, ServerVariable> variables;  ///< by lower-case name
  /// The options `my_print_defaults --mysqld` lists, the last of each name
  /// (dashes made underscores), which is the one the server keeps.
  std::map<std::string, std::string> options;
  std::map<std::string, std::string> files;  ///< kilter-*.cnf in include_dir: path -> content
  /// The other *.cnf of include_dir: path -> the server variables it sets
  /// (kit/mysql_option_files.h), not its text, which may hold passwords.
  std::map<std::string, std::vector<std::string>> others;

  nlohmann::json ToJson() const;
  /// Throws std::invalid_argument on a document ToJson did not write.
  static ServerState FromJson(const nlohmann::json& json);
};

/// One variable as JSON (a change's `live` carries them, so apply needs no
/// second read), and back; VariableFromJson throws nlohmann::json::exception.
nlohmann::json VariableToJson(const ServerVariable& v);
ServerVariable VariableFromJson(const nlohmann::json& v);

/// The options `my_print_defaults --mysqld` printed, one a line ("--a=1",
/// "--b-c=x y", "--a=2" -> a=2, b_c="x y"); a flag without '=' holds "1".
std::map<std::string, std::string> ParsePrintDefaults(const std::string& out);

/// The rows the read query printed, one JSON object per line.
std::map<std::string, ServerVariable> ParseVariables(const std::string& out, std::string& version);

}  // namespace kilter::reconciler::mysql_server
