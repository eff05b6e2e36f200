#include "reconciler/providers/mysql_server/server_state.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

namespace kilter::reconciler::mysql_server {

using nlohmann::json;

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::optional<std::string> OptionalString(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

}  // namespace

json VariableToJson(const ServerVariable& v) {
  return {{"value", v.value}, {"type", v.type},   {"read_only", v.read_only},
          {"min", v.min ? json(*v.min) : json()}, {"max", v.max ? json(*v.max) : json()},
          {"block", v.block}, {"values", v.values}};
}

ServerVariable VariableFromJson(const json& v) {
  ServerVariable var;
  var.value = v.at("value").get<std::string>();
  var.type = v.at("type").get<std::string>();
  var.read_only = v.at("read_only").get<bool>();
  var.min = OptionalString(v, "min");
  var.max = OptionalString(v, "max");
  var.block = v.at("block").get<int64_t>();
  var.values = v.at("values").get<std::vector<std::string>>();
  return var;
}

json ServerState::ToJson() const {
  json vars = json::object();
  for (const auto& [name, v] : variables) vars[name] = VariableToJson(v);
  return {{"version", version}, {"variables", vars}, {"options", options}, {"files", files},
          {"others", others}};
}

ServerState ServerState::FromJson(const json& j) {
  try {
    ServerState s;
    s.version = j.at("version").get<std::string>();
    for (const auto& [name, v] : j.at("variables").items()) s.variables[name] = VariableFromJson(v);
    s.options = j.at("options").get<std::map<std::string, std::string>>();
    s.files = j.at("files").get<std::map<std::string, std::string>>();
    s.others = j.at("others").get<std::map<std::string, std::vector<std::string>>>();
    return s;
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("malformed mysql.server state: ") + e.what());
  }
}

std::map<std::string, std::string> ParsePrintDefaults(const std::string& out) {
  std::map<std::string, std::string> options;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("--", 0) != 0) continue;
    size_t eq = line.find('=');
    std::string name = line.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    std::replace(name.begin(), name.end(), '-', '_');
    options[Lower(name)] = eq == std::string::npos ? "1" : line.substr(eq + 1);
  }
  return options;
}

std::map<std::string, ServerVariable> ParseVariables(const std::string& out, std::string& version) {
  std::map<std::string, ServerVariable> vars;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json row = json::parse(line, nullptr, false);
    if (row.is_discarded() || !row.is_object() || !row.contains("name")) {
      throw std::invalid_argument("unexpected line in the client's output: " + line.substr(0, 200));
    }
    if (row["name"] == "@version") {
      version = row.value("value", "");
      continue;
    }
    ServerVariable v;
    v.value = OptionalString(row, "value").value_or("");
    v.type = row.value("type", "");
    v.read_only = row.value("read_only", "") == "YES";
    v.min = OptionalString(row, "min");
    v.max = OptionalString(row, "max");
    std::optional<std::string> block = OptionalString(row, "block");
    v.block = block ? std::stoll(*block) : 0;
    if (std::optional<std::string> list = OptionalString(row, "values")) {
      std::istringstream items(*list);
      std::string item;
      while (std::getline(items, item, ',')) v.values.push_back(Upper(item));
    }
    vars[Lower(row["name"].get<std::string>())] = std::move(v);
  }
  return vars;
}

}  // namespace kilter::reconciler::mysql_server
