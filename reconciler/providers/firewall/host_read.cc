#include "reconciler/providers/firewall/host_read.h"

#include <fmt/format.h>

#include <sstream>

#include "compiler/catalog/text.h"
#include "reconciler/providers/settings.h"
#include "reconciler/transport/shell_quote.h"

namespace kilter::reconciler::firewall {

using nlohmann::json;

void from_json(const json& json, FirewallSettings& s) {
  json.at("table").get_to(s.table);
  json.at("nft").get_to(s.nft);
  s.confirm_timeout = std::chrono::milliseconds(json.at("confirm_timeout").get<int64_t>());
}

FirewallSettings ParseSettings(const json& settings, const RunOptions& options) {
  FirewallSettings s = TypedSettings<FirewallSettings>(settings, "firewall");
  if (options.confirm_timeout != RunOptions{}.confirm_timeout) {
    s.confirm_timeout = options.confirm_timeout;
  }
  return s;
}

namespace {

/// nft's JSON commands listing every table and kilter's own in one process.
std::string ListJson(const std::string& table) {
  const size_t space = table.find(' ');
  json own = {{"family", table.substr(0, space)},
              {"name", space == std::string::npos ? "" : table.substr(space + 1)}};
  json list = {{"nftables",
                {{{"list", {{"tables", nullptr}}}}, {{"list", {{"table", own}}}}}}};
  return list.dump();
}

}  // namespace

kit::ReadBatch ReadsOf(const FirewallSettings& s) {
  kit::ReadBatch batch;
  // One command: on stderr $SSH_CONNECTION's line, then (over SSH) the
  // addresses; on stdout one nft listing the tables and kilter's table. nft
  // refuses both when that table is missing: then the tables alone, after
  // nft's message.
  batch.AddCommand(
      "firewall",
      fmt::format("{{ printf '%s\\n' \"$SSH_CONNECTION\"; if [ -n \"$SSH_CONNECTION\" ]; then "
                  "ip -o addr show 2>/dev/null; fi; }} >&2; "
                  "printf '%s' {1} | {0} -j -f - 2>&1 || {0} -j list tables 2>&1",
                  s.nft, ShellQuote(ListJson(s.table))));
  return batch;
}

json ReadHost(Transport& transport, const FirewallSettings& s) {
  kit::BatchResult read = kit::Read(transport, ReadsOf(s), transport.host(), "the firewall");
  const kit::CommandRead& listed = read.Command("firewall");
  if (!listed.ok()) {
    throw ProviderError(fmt::format("{}: `{} -j list tables` failed (exit {}): {}",
                                    transport.host(), s.nft, listed.exit_code, listed.out));
  }
  // Either the two documents, one a line, or nft's message about kilter's
  // table and the tables' document on the last line.
  json tables = {{"out", ""}, {"rc", 0}};
  json table = {{"out", ""}, {"rc", 0}};
  const std::string out = catalog::Trim(listed.out);
  const size_t last = out.rfind('\n');
  if (!out.empty() && out.front() == '{') {
    tables["out"] = out.substr(0, last);
    table["out"] = last == std::string::npos ? "" : out.substr(last + 1);
  } else {
    tables["out"] = last == std::string::npos ? out : out.substr(last + 1);
    table = {{"out", last == std::string::npos ? "" : out.substr(0, last)}, {"rc", 1}};
  }
  const std::string& host = listed.err;
  const size_t eol = host.find('\n');
  json data = {{"ssh", host.substr(0, eol)}, {"sections", json::array()}};
  data["sections"].push_back(tables);
  data["sections"].push_back(table);
  data["sections"].push_back(
      {{"out", eol == std::string::npos ? "" : host.substr(eol + 1)}, {"rc", 0}});
  return data;
}

HostView ParseHostRead(const std::string& host, const json& data, const Table& desired) {
  HostView view;
  try {
    view.ssh_connection = data.at("ssh").get<std::string>();
    const json& sections = data.at("sections");
    for (const std::string& t :
         ParseTableList(json::parse(sections.at(0).at("out").get<std::string>()))) {
      if (t != desired.Id()) view.other_tables.push_back(t);
    }
    const json& own = sections.at(1);
    const std::string out = own.at("out").get<std::string>();
    if (own.at("rc") == 0) {
      view.table = ParseTable(json::parse(out));
    } else if (out.find("No such file or directory") == std::string::npos) {
      throw ProviderError(
          fmt::format("{}: `nft -j list table {}` failed: {}", host, desired.Id(), out));
    }
    std::istringstream addrs(sections.at(2).at("out").get<std::string>());
    std::string line;
    while (std::getline(addrs, line)) {
      // "2: veth0    inet 10.0.0.1/30 brd 10.0.0.3 scope global veth0\ ..."
      std::istringstream words(line);
      std::string index, iface, kind, addr;
      if (!(words >> index >> iface >> kind >> addr) || (kind != "inet" && kind != "inet6"))
        continue;
      view.addresses.emplace_back(iface, addr.substr(0, addr.find('/')));
    }
  } catch (const json::exception& e) {
    throw ProviderError(fmt::format("{}: unexpected output from nft: {}", host, e.what()));
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const ProviderError*>(&e)) throw;
    throw ProviderError(fmt::format("{}: unexpected output from nft: {}", host, e.what()));
  }
  return view;
}

std::optional<SshConnection> SshOf(const catalog::Host& host, const HostView& view) {
  SshConnection ssh;
  std::istringstream words(view.ssh_connection);
  std::string client, client_port, server, server_port;
  if (words >> client >> client_port >> server >> server_port) {
    ssh.client = Prefix::Parse(client);
    ssh.client_port = std::atoi(client_port.c_str());
    auto s = Prefix::Parse(server);
    if (!s) return std::nullopt;
    ssh.server = *s;
    ssh.server_port = std::atoi(server_port.c_str());
  } else if (host.transport == "ssh") {
    auto s = Prefix::Parse(host.address);
    if (!s) return std::nullopt;
    ssh.server = *s;
    ssh.server_port = host.port;
  } else {
    return std::nullopt;
  }
  for (const auto& [iface, addr] : view.addresses) {
    if (Prefix::Parse(addr) == ssh.server) ssh.iface = iface;
  }
  // A loopback destination always arrives on lo.
  if (ssh.iface.empty() && ssh.server.family == 4 && ssh.server.bytes[0] == 127) ssh.iface = "lo";
  return ssh;
}

}  // namespace kilter::reconciler::firewall
