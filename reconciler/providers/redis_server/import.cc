#include "reconciler/providers/redis_server/import.h"

#include <cstdlib>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/redis_server/config_files.h"
#include "reconciler/providers/redis_server/declared.h"
#include "reconciler/providers/redis_server/values.h"

namespace kilter::reconciler::redis_server {

namespace {

bool IsNumber(const std::string& s) {
  return !s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string::npos;
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> words;
  size_t start = 0;
  while ((start = s.find_first_not_of(' ', start)) != std::string::npos) {
    size_t end = s.find(' ', start);
    words.push_back(s.substr(start, end - start));
    start = end;
  }
  return words;
}

/// A live value as its typed field writes it.
kit::SpecValue TypedValue(const std::string& field, Kind kind, const std::string& live) {
  if (kind == Kind::kMemory) return kit::SpecValue::Size(std::stoull(Canonical(kind, live)));
  if (field == "timeout" || field == "tcp_keepalive") {
    return kit::SpecValue::Duration(std::stoll(live) * 1000);
  }
  if (kind == Kind::kNumber) return kit::SpecValue::Int(std::stoll(live));
  if (field == "appendonly" || field == "protected_mode") {
    return kit::SpecValue::Bool(Lower(live) == "yes");
  }
  std::vector<std::string> words = Words(live);
  if (kind == Kind::kSave) {
    std::vector<kit::SpecValue> rules;
    for (size_t i = 0; i + 1 < words.size(); i += 2) {
      rules.push_back(kit::SpecValue::String(words[i] + " " + words[i + 1]));
    }
    return kit::SpecValue::List(rules);
  }
  if (field == "bind") {
    std::vector<kit::SpecValue> addresses;
    for (const std::string& w : words) addresses.push_back(kit::SpecValue::String(w));
    return kit::SpecValue::List(addresses);
  }
  return kit::SpecValue::String(live);
}

/// Why the live value is not what the config files start the server with, or "".
std::string CommentOf(const std::string& param, const std::string& live, const LoadOrder& order) {
  std::optional<std::pair<std::string, Kind>> typed = FieldOfParam(param);
  Kind kind = typed ? typed->second : Kind::kAny;
  std::optional<Effective> persisted = EffectiveOf(order, param);
  if (!persisted) {
    return "live value; no config file sets it (redis-server's default, or CONFIG SET by "
           "hand):\nkilter persists it in its own file at the next apply";
  }
  if (Canonical(kind, persisted->value) != Canonical(kind, live)) {
    return fmt::format("live value; {} starts the server with {} {}", persisted->file, param,
                       persisted->value);
  }
  return "";
}

/// The parameters the config files set, each once, in load order.
std::vector<std::string> FileSettings(const LoadOrder& order) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const Directive& d : order.directives) {
    if (seen.insert(d.name).second) names.push_back(d.name);
  }
  return names;
}

}  // namespace

std::vector<ImportFilter> ImportFilters() {
  return {{"address", "where redis-cli reaches the server, HOST:PORT or a socket path "
                      "(default 127.0.0.1:6379)"},
          {"config-file", "the server's main config file (default /etc/redis/redis.conf)"},
          {"password-env", "the environment variable holding the server's password on this "
                           "controller: used to read it, and written as requirepass = "
                           "env(\"VAR\")"},
          {"setting", "a parameter by its CONFIG GET name (maxmemory); default: every one its "
                      "config files set"}};
}

kit::SpecFile ImportedServer(const catalog::Resource& resource, const ServerState& state,
                             std::vector<std::string> settings,
                             const std::string& password_env) {
  std::string config_file = resource.fields.value("config_file", std::string());
  LoadOrder order = Load(config_file, state.files, OwnedPath(resource));
  if (settings.empty()) settings = FileSettings(order);
  kit::SpecFile file;
  if (!order.includes_owned) {
    file.notes += fmt::format(
        "{} does not include kilter's file: add `include {}` at its end, or plan refuses "
        "this resource\n",
        config_file, OwnedPath(resource));
  }
  kit::SpecResource r{kType, resource.name, resource.host,
                      {{"address", kit::SpecValue::String(resource.fields.value("address", "")), ""},
                       {"config_file", kit::SpecValue::String(config_file), ""}},
                      "redis-server at " + resource.fields.value("address", std::string())};
  std::vector<kit::SpecEntry> parameters;
  for (const std::string& param : settings) {
    if (param == "rename-command" || param == "masterauth") {
      file.notes += fmt::format("not imported: {}: kilter import does not read it; declare it "
                                "by hand\n", param);
      continue;
    }
    auto live = state.config.find(param);
    if (live == state.config.end()) {
      file.notes += fmt::format("not imported: {}: CONFIG GET does not list it\n", param);
      continue;
    }
    if (param == "requirepass") {
      if (live->second.empty()) continue;
      if (password_env.empty()) {
        file.notes += "not imported: requirepass: give --password-env VAR to write it as "
                      "env(\"VAR\")\n";
        continue;
      }
      r.fields.push_back({"requirepass", kit::SpecValue::Env(password_env),
                          "the password, read on the controller from " + password_env});
      continue;
    }
    std::string comment = CommentOf(param, live->second, order);
    if (std::optional<std::pair<std::string, Kind>> typed = FieldOfParam(param)) {
      r.fields.push_back({typed->first, TypedValue(typed->first, typed->second, live->second),
                          comment});
    } else {
      parameters.push_back({param,
                            IsNumber(live->second) ? kit::SpecValue::Int(std::stoll(live->second))
                                                   : kit::SpecValue::String(live->second),
                            comment});
    }
  }
  if (!parameters.empty()) {
    r.fields.push_back({"parameters", kit::SpecValue::Object(parameters), ""});
  }
  file.resources.push_back(std::move(r));
  return file;
}

kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request) {
  const std::string& host = context.host.name;
  auto one = [&](const char* name, const std::string& fallback) {
    const std::vector<std::string>& v = request.Values(name);
    return v.empty() ? fallback : v.back();
  };
  catalog::Resource r;
  r.type = kType;
  r.name = "main";
  r.host = host;
  r.fields = {{"address", one("address", "127.0.0.1:6379")},
              {"config_file", one("config-file", "/etc/redis/redis.conf")},
              {"requirepass", nullptr}};
  for (const catalog::Resource* d : context.desired) {
    if (d->fields.value("address", "") == r.fields["address"]) return {};
    if (d->name == r.name) r.name = "imported";
  }
  std::string password_env = one("password-env", "");
  if (!password_env.empty()) {
    const char* password = std::getenv(password_env.c_str());
    if (!password) {
      throw std::invalid_argument("--password-env " + password_env + ": the variable is not set");
    }
    r.fields["requirepass"] = password;
  }
  Settings settings = Settings::From(context.settings);
  kit::ReadBatch batch;
  AddReads(batch, settings, r);
  kit::BatchResult read = kit::Read(transport, batch, host, "redis.server");
  ServerState state;
  try {
    state = StateFrom(r, read, "");
  } catch (const std::invalid_argument& e) {
    throw ProviderError(fmt::format(
        "{}: redis.server at {}: {} (a server that asks for a password needs --password-env)",
        host, r.fields["address"].get<std::string>(), e.what()));
  }
  return ImportedServer(r, state, request.Values("setting"), password_env);
}

}  // namespace kilter::reconciler::redis_server
