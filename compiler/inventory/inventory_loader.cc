#include "compiler/inventory/inventory_loader.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "compiler/catalog/units.h"

namespace kilter::compiler {

namespace {

/// Host names appear in addresses (`TYPE "NAME" @ HOST`) and in specs, so they
/// keep to characters that need no quoting anywhere.
bool ValidHostName(const std::string& name) {
  if (name.empty() || !std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == '_';
  });
}

/// Group and param names are used as identifiers in .kilt files.
bool ValidIdentifier(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

std::vector<std::string> Keys(const std::map<std::string, Span>& spans) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : spans) keys.push_back(k);
  return keys;
}

}  // namespace

void InventoryLoader::Load(const toml::table& root) {
  static const std::vector<std::string> kKeys = {"hosts", "groups",    "params",
                                                 "ssh",   "providers", "suppress"};
  for (auto&& [key, node] : root) {
    std::string name(key.str());
    if (name == "hosts") {
      LoadHosts(node);
    } else if (name == "groups") {
      LoadGroups(node);
    } else if (name == "params") {
      LoadParams(node);
    } else if (name == "ssh") {
      LoadSsh(node);
    } else if (name == "providers") {
      LoadProviders(node, "");
    } else if (name == "suppress") {
      LoadSuppressions(node);
    } else {
      UnknownKey(key, "the inventory", kKeys);
    }
  }
  CheckGroups();
}

void InventoryLoader::LoadHosts(const toml::node& node) {
  const toml::table* hosts = Table(node, "[hosts]");
  if (!hosts) return;
  for (auto&& [key, value] : *hosts) LoadHost(std::string(key.str()), key, value);
}

void InventoryLoader::LoadHost(const std::string& name, const toml::key& key,
                               const toml::node& node) {
  std::string where = fmt::format("[hosts.{}]", name);
  const toml::table* table = Table(node, where);
  if (!table) return;
  if (!ValidHostName(name)) {
    diags_.Error("E0406", KeySpan(key),
                 fmt::format("host name \"{}\" may hold only letters, digits, '.', '-' and '_' "
                             "and must start with a letter or digit",
                             name));
  }
  static const std::vector<std::string> kKeys = {"address",   "user",      "port",  "transport",
                                                 "identity", "providers", "memory"};
  catalog::Host host;
  host.name = name;
  bool has_address = false;
  for (auto&& [k, v] : *table) {
    std::string field(k.str());
    std::string what = fmt::format("{} of host {}", field, name);
    if (field == "address") {
      has_address = true;
      if (auto s = String(v, what)) {
        host.address = *s;
        if (s->empty()) diags_.Error("E0406", NodeSpan(v), fmt::format("{} is empty", what));
      }
    } else if (field == "user") {
      if (auto s = String(v, what)) host.user = *s;
    } else if (field == "identity") {
      if (auto s = String(v, what)) host.identity = *s;
    } else if (field == "port") {
      const auto* port = v.as_integer();
      if (!port) {
        diags_.Error("E0403", NodeSpan(v),
                     fmt::format("{} must be an integer, not {}", what, toml_value::TypeName(v)));
      } else if (port->get() < 1 || port->get() > 65535) {
        diags_.Error("E0406", NodeSpan(v),
                     fmt::format("{} is {}, outside 1..65535", what, port->get()));
      } else {
        host.port = static_cast<int>(port->get());
      }
    } else if (field == "transport") {
      if (auto s = String(v, what)) {
        if (*s == "ssh" || *s == "local") {
          host.transport = *s;
        } else {
          std::string hint = DidYouMean(*s, {"ssh", "local"});
          diags_.Error("E0406", NodeSpan(v),
                       fmt::format("{} is \"{}\"; it must be \"ssh\" or \"local\"", what, *s),
                       hint);
        }
      }
    } else if (field == "providers") {
      LoadProviders(v, name);
    } else if (field == "memory") {
      LoadMemory(v, name, what);
    } else if (UnknownKey(k, where, kKeys) == "address") {
      // The misspelt key already explains the missing address.
      has_address = true;
    }
  }
  // A local host is this machine: the address would only be decoration.
  if (!has_address && host.transport == "local") host.address = "localhost";
  if (!has_address && host.transport != "local") {
    Missing(KeySpan(key), "address", fmt::format("host {}", name),
            "add address = \"10.0.0.11\" (its IP address or DNS name), or transport = \"local\"");
  }
  out_.host_spans[name] = KeySpan(key);
  out_.hosts.push_back(std::move(host));
}

void InventoryLoader::LoadGroups(const toml::node& node) {
  const toml::table* groups = Table(node, "[groups]");
  if (!groups) return;
  for (auto&& [key, value] : *groups) {
    std::string name(key.str());
    if (!ValidIdentifier(name)) {
      diags_.Error("E0406", KeySpan(key),
                   fmt::format("group name \"{}\" must be an identifier (letters, digits and '_', "
                               "not starting with a digit): specs refer to it by name",
                               name));
    }
    out_.group_spans[name] = KeySpan(key);
    std::vector<std::string>& members = out_.groups[name];
    const toml::array* list = value.as_array();
    if (!list) {
      diags_.Error("E0403", NodeSpan(value),
                   fmt::format("group {} must be an array of host names, not {}", name,
                               toml_value::TypeName(value)),
                   fmt::format("write {} = [\"web1\", \"web2\"]", name));
      continue;
    }
    for (const toml::node& item : *list) {
      const auto* host = item.as_string();
      if (!host) {
        diags_.Error("E0403", NodeSpan(item),
                     fmt::format("members of group {} must be host names (strings), not {}", name,
                                 toml_value::TypeName(item)));
        continue;
      }
      if (std::find(members.begin(), members.end(), host->get()) != members.end()) continue;
      members.push_back(host->get());
      group_member_spans_[name].push_back(NodeSpan(item));
    }
  }
}

void InventoryLoader::CheckGroups() {
  std::vector<std::string> hosts = Keys(out_.host_spans);
  for (const auto& [name, members] : out_.groups) {
    if (auto host = out_.host_spans.find(name); host != out_.host_spans.end()) {
      Diagnostic d{Severity::kError, "E0407",
                   fmt::format("\"{}\" is both a host and a group; `on {}` would be ambiguous",
                               name, name),
                   out_.group_spans[name], "rename the group or the host", {}};
      d.related.push_back({host->second, "the host is declared here"});
      diags_.Add(std::move(d));
    }
    const std::vector<Span>& spans = group_member_spans_[name];
    for (size_t i = 0; i < members.size(); ++i) {
      if (out_.HasHost(members[i])) continue;
      diags_.Error("E0405", spans[i],
                   fmt::format("group {} names host \"{}\", which is not in [hosts]", name,
                               members[i]),
                   DidYouMean(members[i], hosts));
    }
  }
}

void InventoryLoader::LoadParams(const toml::node& node) {
  const toml::table* params = Table(node, "[params]");
  if (!params) return;
  for (auto&& [key, value] : *params) {
    std::string name(key.str());
    if (!ValidIdentifier(name)) {
      diags_.Error("E0406", KeySpan(key),
                   fmt::format("param name \"{}\" must be an identifier (letters, digits and '_', "
                               "not starting with a digit)",
                               name));
      continue;
    }
    out_.params[name] = InventoryValue{toml_value::ToJson(value), NodeSpan(value)};
  }
}

void InventoryLoader::LoadSsh(const toml::node& node) {
  const toml::table* ssh = Table(node, "[ssh]");
  if (!ssh) return;
  for (auto&& [key, value] : *ssh) {
    if (key.str() == "known_hosts") {
      if (auto s = String(value, "known_hosts of [ssh]")) out_.known_hosts = *s;
    } else {
      UnknownKey(key, "[ssh]", {"known_hosts"});
    }
  }
}

void InventoryLoader::LoadMemory(const toml::node& node, const std::string& host,
                                 const std::string& what) {
  std::optional<std::string> text = String(node, what);
  if (!text) return;
  catalog::units::Parsed size = catalog::units::ParseSize(*text);
  if (!size.error.empty() || size.value <= 0) {
    diags_.Error("E0406", NodeSpan(node),
                 fmt::format("{} is \"{}\": {}", what, *text,
                             size.error.empty() ? "it must be more than 0B" : size.error),
                 "write the host's memory as a size, e.g. memory = \"8GiB\"");
    return;
  }
  out_.host_memory[host] = {size.value, NodeSpan(node)};
}

void InventoryLoader::LoadProviders(const toml::node& node, const std::string& host) {
  const toml::table* providers = Table(node, "providers");
  if (!providers) return;
  for (auto&& [key, value] : *providers) {
    ProviderTable table{host, std::string(key.str()), KeySpan(key), {}};
    const toml::table* settings =
        Table(value, fmt::format("the settings of provider \"{}\"", table.provider));
    if (!settings) continue;
    for (auto&& [k, v] : *settings) {
      table.settings.push_back(
          {std::string(k.str()), KeySpan(k), InventoryValue{toml_value::ToJson(v), NodeSpan(v)}});
    }
    out_.provider_tables.push_back(std::move(table));
  }
}

const toml::table* InventoryLoader::Table(const toml::node& node, const std::string& what) {
  if (const auto* t = node.as_table()) return t;
  diags_.Error("E0403", NodeSpan(node),
               fmt::format("{} must be a table, not {}", what, toml_value::TypeName(node)));
  return nullptr;
}

std::optional<std::string> InventoryLoader::String(const toml::node& node,
                                                   const std::string& what) {
  if (const auto* s = node.as_string()) return s->get();
  diags_.Error("E0403", NodeSpan(node),
               fmt::format("{} must be a string, not {}", what, toml_value::TypeName(node)),
               "quote it: \"...\"");
  return std::nullopt;
}

std::string InventoryLoader::UnknownKey(const toml::key& key, const std::string& where,
                                        const std::vector<std::string>& known) {
  std::string name(key.str());
  std::string match = ClosestMatch(name, known);
  std::string hint = DidYouMean(name, known);
  if (hint.empty()) {
    hint = "expected one of: ";
    for (size_t i = 0; i < known.size(); ++i) hint += (i ? ", " : "") + known[i];
  }
  diags_.Error("E0402", KeySpan(key), fmt::format("unknown key \"{}\" in {}", name, where), hint);
  return match;
}

void InventoryLoader::Missing(Span at, const std::string& key, const std::string& where,
                              const std::string& hint) {
  diags_.Error("E0404", at, fmt::format("{} has no {}, which is required", where, key), hint);
}

}  // namespace kilter::compiler
