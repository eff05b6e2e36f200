#include "reconciler/providers/mysql_server/import.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "reconciler/providers/mysql_server/host_read.h"
#include "reconciler/providers/mysql_server/value.h"

namespace kilter::reconciler::mysql_server {

namespace {

/// How the schema's typed fields (stdlib/schemas/mysql_server.kilt) write
/// a value; every other variable goes into `variables`.
enum class Field { kInt, kSize, kBool, kSeconds, kString };

const std::map<std::string, Field>& TypedFields() {
  static const std::map<std::string, Field> kFields = {
      {"max_connections", Field::kInt},
      {"innodb_buffer_pool_size", Field::kSize},
      {"innodb_log_file_size", Field::kSize},
      {"innodb_flush_log_at_trx_commit", Field::kInt},
      {"slow_query_log", Field::kBool},
      {"long_query_time", Field::kSeconds},
      {"tmp_table_size", Field::kSize},
      {"max_heap_table_size", Field::kSize},
      {"table_open_cache", Field::kInt},
      {"thread_cache_size", Field::kInt},
      {"wait_timeout", Field::kSeconds},
      {"character_set_server", Field::kString},
      {"require_secure_transport", Field::kBool},
  };
  return kFields;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return c == '-' ? '_' : std::tolower(c); });
  return s;
}

bool IsInteger(const std::string& raw) {
  size_t digits = raw.starts_with("-") ? 1 : 0;
  return raw.size() > digits && raw.size() < 19 &&
         raw.find_first_not_of("0123456789", digits) == std::string::npos;
}

/// The live value of `var` as the field or map entry writes it.
kit::SpecValue ValueOf(const std::string& name, const ServerVariable& var) {
  auto typed = TypedFields().find(name);
  std::string canonical = Canonical(var.value, var);
  if (typed != TypedFields().end()) {
    switch (typed->second) {
      case Field::kInt: return kit::SpecValue::Int(std::stoll(canonical));
      case Field::kSize: return kit::SpecValue::Size(std::stoull(canonical));
      case Field::kBool: return kit::SpecValue::Bool(canonical == "ON");
      case Field::kSeconds:
        return kit::SpecValue::Duration(std::llround(std::stod(var.value) * 1000));
      case Field::kString: return kit::SpecValue::String(var.value);
    }
  }
  if (var.type == "BOOLEAN") return kit::SpecValue::Bool(canonical == "ON");
  if (var.type.find("INT") != std::string::npos && IsInteger(canonical)) {
    return kit::SpecValue::Int(std::stoll(canonical));
  }
  return kit::SpecValue::String(var.value);
}

/// Why the live value is not what the server starts with, or "".
std::string CommentOf(const std::string& name, const ServerVariable& var,
                      const ServerState& state) {
  auto option = state.options.find(name);
  if (option == state.options.end()) {
    return "live value; no option file sets it (the server's default, or SET GLOBAL by "
           "hand):\nkilter persists it in its own option file at the next apply";
  }
  if (Canonical(option->second, var) != Canonical(var.value, var)) {
    return fmt::format("live value; the option files start the server with {} = {}", name,
                       option->second);
  }
  return "";
}

}  // namespace

std::vector<ImportFilter> ImportFilters() {
  return {{"variable",
           "a server variable (max_connections); default: every option the server's option "
           "files start it with"}};
}

kit::SpecFile ImportedServer(const std::string& host, const ServerState& state,
                             const std::vector<std::string>& names) {
  kit::SpecFile file;
  kit::SpecResource server{"mysql.server", "server", host, {}, ""};
  std::vector<kit::SpecEntry> others;
  for (const std::string& name : names) {
    auto var = state.variables.find(name);
    if (var == state.variables.end()) {
      file.notes += fmt::format("not imported: {}: the server ({}) has no such variable\n", name,
                                state.version);
      continue;
    }
    std::string comment = CommentOf(name, var->second, state);
    if (TypedFields().count(name)) {
      server.fields.push_back({name, ValueOf(name, var->second), comment});
    } else {
      others.push_back({name, ValueOf(name, var->second), comment});
    }
  }
  if (!others.empty()) server.fields.push_back({"variables", kit::SpecValue::Object(others), ""});
  server.comment = "server variables of MariaDB " + state.version;
  if (!server.fields.empty()) file.resources.push_back(std::move(server));
  return file;
}

kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request) {
  Settings settings = Settings::From(context.settings);
  const std::string& host = context.host.name;
  std::set<std::string> declared;
  for (const catalog::Resource* r : context.desired) {
    for (const Declared& d : DeclaredOf(*r)) declared.insert(d.name);
  }
  std::vector<std::string> names;
  for (const std::string& n : request.Values("variable")) names.push_back(Lower(n));
  if (names.empty()) {
    ServerState options =
        StateFrom(host, settings, kit::Read(transport, ReadBatchFor(settings, {}), host,
                                            "mysql.server options"));
    for (const auto& [name, value] : options.options) names.push_back(name);
  }
  std::erase_if(names, [&](const std::string& n) { return declared.count(n) > 0; });
  if (names.empty()) return {};
  ServerState state = StateFrom(
      host, settings, kit::Read(transport, ReadBatchFor(settings, names), host, "mysql.server"));
  if (request.Values("variable").empty()) {
    // Options that are no server variable (skip-name-resolve's kin) are not imported.
    std::erase_if(names, [&](const std::string& n) { return !state.variables.count(n); });
  }
  return ImportedServer(host, state, names);
}

}  // namespace kilter::reconciler::mysql_server
