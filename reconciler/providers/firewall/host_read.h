#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/firewall/lockout.h"
#include "reconciler/providers/firewall/nft_json.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/provider.h"

/// The one round trip that reads a host's firewall state, and its parsing.
namespace kilter::reconciler::firewall {

/// The provider's settings, declared with their defaults and rules in
/// stdlib/schemas/firewall.kilt (`settings firewall`).
struct FirewallSettings {
  std::string table;
  std::string nft;
  std::chrono::milliseconds confirm_timeout{0};
};

/// Fills FirewallSettings from the catalog (confirm_timeout in milliseconds).
void from_json(const nlohmann::json& json, FirewallSettings& s);

/// The settings the catalog carries; --confirm-timeout (when not the default
/// 60s) wins over confirm_timeout. Throws ProviderError when the catalog
/// lacks one.
FirewallSettings ParseSettings(const nlohmann::json& settings, const RunOptions& options);

/// Reads, in one command of one batch, $SSH_CONNECTION and, over SSH, the
/// host's addresses (`ip -o addr show`) on stderr, and every table and
/// kilter's table on stdout (one nft given both `list` commands as JSON;
/// when it refuses them because the table is missing, `nft -j list tables`
/// after its message). Returns them as the provider's
/// LiveState data: sections tables, table (nft's message and a non-zero rc
/// when it is missing) and addresses. Throws ProviderError when nft cannot
/// be run.
nlohmann::json ReadHost(Transport &transport, const FirewallSettings &settings);

/// The reads ReadHost hands the kit.
kit::ReadBatch ReadsOf(const FirewallSettings &settings);

/// The read state, parsed.
struct HostView {
  std::optional<LiveTable> table;         ///< absent when the host has no such table
  std::vector<std::string> other_tables;  ///< every other table, "FAMILY NAME"
  std::string ssh_connection;             ///< $SSH_CONNECTION on the host, "" when none
  std::vector<std::pair<std::string, std::string>> addresses;  ///< (interface, address)
};

/// Parses ReadHost's data. Throws ProviderError naming the host on output
/// that is not nft's.
HostView ParseHostRead(const std::string &host, const nlohmann::json &data, const Table &desired);

/// kilter's SSH connection to the host, when it reaches it over SSH: from
/// $SSH_CONNECTION, else the inventory address and port with an unknown
/// client address. nullopt for a local host.
std::optional<SshConnection> SshOf(const catalog::Host &host, const HostView &view);

}  // namespace kilter::reconciler::firewall
