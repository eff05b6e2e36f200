#include "reconciler/providers/firewall/host_read.h"

#include <fmt/format.h>

#include <sstream>

#include "reconciler/providers/settings.h"

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

kit::ReadBatch ReadsOf(const FirewallSettings& s) {
  kit::ReadBatch batch;
  batch.AddCommand("ssh", "printf '%s' \"$SSH_CONNECTION\"");
  // The two nft reads are independent: in the background they overlap.
  batch.AddCommand("tables", s.nft + " -j list tables 2>&1", "", true);
  batch.AddCommand("table", fmt::format("{} -j list table {} 2>&1", s.nft, s.table), "", true);
  batch.AddCommand("addresses",
                   "if [ -n \"$SSH_CONNECTION\" ]; then ip -o addr show 2>/dev/null; fi");
  return batch;
}

json ReadHost(Transport& transport, const FirewallSettings& s) {
  kit::BatchResult read = kit::Read(transport, ReadsOf(s), transport.host(), "the firewall");
  json data = {{"ssh", read.Command("ssh").out}, {"sections", json::array()}};
  for (const char* key : {"tables", "table", "addresses"}) {
    const kit::CommandRead& r = read.Command(key);
    data["sections"].push_back({{"out", r.out}, {"rc", r.exit_code}});
  }
  const json& tables = data["sections"][0];
  if (tables["rc"] != 0) {
    throw ProviderError(fmt::format("{}: `{} -j list tables` failed (exit {}): {}",
                                    transport.host(), s.nft, tables["rc"].get<int>(),
                                    tables["out"].get<std::string>()));
  }
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
