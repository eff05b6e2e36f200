#pragma once

#include <optional>
#include <string>

#include "reconciler/providers/firewall/ruleset.h"

/// Lockout protection at plan time: would the new table drop the SSH
/// connection kilter itself uses?
namespace kilter::reconciler::firewall {

/// kilter's own SSH connection as the host sees it ($SSH_CONNECTION there).
struct SshConnection {
  std::optional<Prefix> client;  ///< unknown when the host did not say
  int client_port = -1;          ///< -1: unknown
  Prefix server;
  int server_port = 22;
  std::string iface;  ///< the host's interface holding `server`; "" when unknown
};

/// Sends three packets through the table's filter chains (base chains of a
/// hook in priority order, rules in order, jumps followed, then the policy):
/// a new connection from kilter's address to the SSH port (the next run and
/// the commit-confirm connection), a packet of the established connection,
/// and the server's reply on the output hook. A match kilter cannot decide
/// (a rate limit, an unknown client port) counts both ways. Sets are looked
/// into as they are in `table`: the caller adds the live elements of dynamic
/// sets (a fail2ban ban of kilter's own address is a lockout too).
/// Returns why a packet may be dropped, naming the rule or chain policy, or
/// nullopt when every packet passes.
std::optional<std::string> FindLockout(const Table& table, const SshConnection& ssh);

}  // namespace kilter::reconciler::firewall
