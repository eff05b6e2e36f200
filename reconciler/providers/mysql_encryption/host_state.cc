#include "reconciler/providers/mysql_encryption/host_state.h"

#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/secret_file.h"
#include "reconciler/providers/kit/mysql_option_files.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_encryption {

using nlohmann::json;

namespace {

constexpr const char* kSql = "sql";
constexpr const char* kKey = "key";
constexpr const char* kFiles = "files";

}  // namespace

std::string StateSql() {
  std::string names;
  for (const std::string& v : Variables()) {
    if (v == "plugin_load_add") continue;
    names += (names.empty() ? "'" : ",'") + v + "'";
  }
  return fmt::format(
      "SELECT JSON_OBJECT('plugin',IFNULL((SELECT PLUGIN_STATUS FROM information_schema.PLUGINS"
      " WHERE PLUGIN_NAME='FILE_KEY_MANAGEMENT'),''));\n"
      "SELECT JSON_OBJECT('variable',LOWER(VARIABLE_NAME),'value',GLOBAL_VALUE)"
      " FROM information_schema.SYSTEM_VARIABLES WHERE LOWER(VARIABLE_NAME) IN ({});\n"
      // One tablespace per partition (`db/t#P#p1`, `#SP#` for subpartitions):
      // a table is as encrypted as its least encrypted tablespace, and not
      // encrypted while one of them has no row yet.
      "SELECT JSON_OBJECT('table',CONCAT(t.TABLE_SCHEMA,'.',t.TABLE_NAME),'engine',t.ENGINE,"
      "'options',t.CREATE_OPTIONS,"
      "'scheme',IF(COUNT(e.NAME)<COUNT(*),0,MIN(e.ENCRYPTION_SCHEME)),"
      "'min_key_version',MIN(e.MIN_KEY_VERSION),'current_key_version',MIN(e.CURRENT_KEY_VERSION),"
      "'rotating',MAX(e.ROTATING_OR_FLUSHING))"
      " FROM information_schema.TABLES t JOIN information_schema.PARTITIONS p"
      " ON p.TABLE_SCHEMA=t.TABLE_SCHEMA AND p.TABLE_NAME=t.TABLE_NAME"
      " LEFT JOIN information_schema.INNODB_TABLESPACES_ENCRYPTION e"
      " ON e.NAME=CONCAT(t.TABLE_SCHEMA,'/',t.TABLE_NAME,"
      "IFNULL(CONCAT('#P#',p.PARTITION_NAME),''),IFNULL(CONCAT('#SP#',p.SUBPARTITION_NAME),''))"
      " WHERE t.TABLE_TYPE='BASE TABLE' AND t.TABLE_SCHEMA NOT IN"
      " ('mysql','information_schema','performance_schema','sys')"
      " GROUP BY t.TABLE_SCHEMA, t.TABLE_NAME, t.ENGINE, t.CREATE_OPTIONS"
      " ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME;\n",
      names);
}

namespace {

int IntOf(const json& row, const char* key) {
  if (!row.contains(key) || row[key].is_null()) return 0;
  if (row[key].is_number()) return row[key].get<int>();
  return std::stoi(row[key].get<std::string>());
}

}  // namespace

void ParseStateSql(const std::string& out, HostState& state) {
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    json row = json::parse(line, nullptr, false);
    if (row.is_discarded() || !row.is_object()) {
      throw std::invalid_argument("unexpected line in the client's output: " + line.substr(0, 200));
    }
    if (row.contains("plugin")) {
      state.plugin_active = row["plugin"] == "ACTIVE";
    } else if (row.contains("variable")) {
      state.variables[row["variable"].get<std::string>()] =
          row["value"].is_null() ? "" : row["value"].get<std::string>();
    } else if (row.contains("table")) {
      TableState t;
      t.name = row["table"].get<std::string>();
      t.engine = row["engine"].is_null() ? "" : row["engine"].get<std::string>();
      t.options = row["options"].is_null() ? "" : row["options"].get<std::string>();
      t.scheme = IntOf(row, "scheme");
      t.min_key_version = IntOf(row, "min_key_version");
      t.current_key_version = IntOf(row, "current_key_version");
      t.rotating = IntOf(row, "rotating") != 0;
      state.tables.push_back(std::move(t));
    }
  }
}

bool TableState::opted_out() const {
  // The server quotes engine-defined options: "`ENCRYPTED`='NO'".
  std::string upper;
  for (char c : options) {
    if (c == '`' || c == '\'' || c == ' ') continue;
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return upper.find("ENCRYPTED=NO") != std::string::npos;
}

const std::vector<std::string>& Variables() {
  static const std::vector<std::string> kVariables = {
      "plugin_load_add",     "file_key_management_filename",   "innodb_encrypt_tables",
      "innodb_encrypt_log",  "innodb_encrypt_temporary_tables", "innodb_encryption_threads"};
  return kVariables;
}

kit::ReadBatch ReadBatchFor(const Settings& settings) {
  kit::ReadBatch batch;
  Command client = mysql::ClientCommand(settings.Client(), StateSql());
  batch.AddCommand(kSql, client.Display(), client.stdin_data, true);
  batch.AddCommand(kKey, kit::SecretFileCommand(settings.key_path));
  batch.AddGlob(kFiles, settings.include_dir, "*.cnf", true);
  return batch;
}

HostState StateFrom(const std::string& host, const Settings& settings,
                    const kit::BatchResult& read, const std::string& declared_key) {
  HostState state;
  const kit::CommandRead& sql = read.Command(kSql);
  if (!sql.ok()) {
    CommandResult result{sql.exit_code, sql.out, sql.err};
    throw ProviderError(mysql::DescribeFailure(
        host + ": mysql.encryption: reading the encryption state: ", settings.Client(), result));
  }
  try {
    ParseStateSql(sql.out, state);
  } catch (const std::exception& e) {
    throw ProviderError(fmt::format("{}: mysql.encryption: {}", host, e.what()));
  }
  const kit::CommandRead& key = read.Command(kKey);
  if (!key.ok()) {
    throw ProviderError(fmt::format(
        "{}: mysql.encryption: cannot read the key file {} (exit {}): {}; kilter needs to read it "
        "to compare it by digest",
        host, settings.key_path, key.exit_code, key.err));
  }
  kit::SecretFileRead file = kit::ParseSecretFile(key.out, declared_key);
  state.key.exists = file.exists;
  state.key.same = file.same;
  state.key.mode = file.mode;
  state.key.owner = file.owner;
  std::string own_prefix = settings.include_dir + "/kilter-";
  for (const std::string& path : read.Glob(kFiles)) {
    const kit::FileRead& f = read.File(path);
    if (!f.error.empty()) {
      throw ProviderError(
          fmt::format("{}: mysql.encryption: cannot read {}: {}", host, path, f.error));
    }
    if (!f.regular) continue;
    bool own = path.rfind(own_prefix, 0) == 0;
    if (own) state.files[path] = f.content;
    for (const auto& [name, value] : mysql::ServerOptions(f.content)) {
      if (!own) state.others[path].push_back(name);
      state.persisted[name] = {value, path};
    }
  }
  return state;
}

json HostState::ToJson() const {
  json tables_json = json::array();
  for (const TableState& t : tables) {
    tables_json.push_back({{"name", t.name},
                           {"engine", t.engine},
                           {"options", t.options},
                           {"scheme", t.scheme},
                           {"min_key_version", t.min_key_version},
                           {"current_key_version", t.current_key_version},
                           {"rotating", t.rotating}});
  }
  json persisted_json = json::object();
  for (const auto& [name, p] : persisted) persisted_json[name] = {p.first, p.second};
  return {{"plugin_active", plugin_active},
          {"variables", variables},
          {"files", files},
          {"others", others},
          {"persisted", persisted_json},
          {"key",
           {{"exists", key.exists}, {"same", key.same}, {"mode", key.mode}, {"owner", key.owner}}},
          {"tables", tables_json}};
}

HostState HostState::FromJson(const json& j) {
  HostState s;
  s.plugin_active = j.at("plugin_active").get<bool>();
  s.variables = j.at("variables").get<std::map<std::string, std::string>>();
  s.files = j.at("files").get<std::map<std::string, std::string>>();
  s.others = j.at("others").get<std::map<std::string, std::vector<std::string>>>();
  for (const auto& [name, p] : j.at("persisted").items()) {
    s.persisted[name] = {p.at(0).get<std::string>(), p.at(1).get<std::string>()};
  }
  const json& key = j.at("key");
  s.key = {key.at("exists").get<bool>(), key.at("same").get<bool>(),
           key.at("mode").get<std::string>(), key.at("owner").get<std::string>()};
  for (const json& t : j.at("tables")) {
    s.tables.push_back({t.at("name").get<std::string>(), t.at("engine").get<std::string>(),
                        t.at("options").get<std::string>(),
                        t.at("scheme").get<int>(), t.at("min_key_version").get<int>(),
                        t.at("current_key_version").get<int>(), t.at("rotating").get<bool>()});
  }
  return s;
}

}  // namespace kilter::reconciler::mysql_encryption
