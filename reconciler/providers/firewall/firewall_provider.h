#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler {

/// The firewall provider: firewall.chain, firewall.set and firewall.rule
/// resources of a host live in one nftables table that kilter owns (setting
/// `table`, default "inet kilter"); nothing outside it is ever touched. It
/// reads the tables and its table with one nft, diffs rule by rule (order
/// included), checks the new table with `nft -c` on the host at plan time
/// (unless the plan is applied at once: the load checks it then),
/// refuses a plan that would drop kilter's own SSH connection unless
/// --allow-lockout, and applies the whole table in one `nft -f` transaction,
/// commit-confirmed, its rollback (written from the read when it can be)
/// kept in the engine's state directory (STATE_DIR/firewall). Settings: table, nft (the command, e.g.
/// "ip netns exec NS nft"), confirm_timeout.
std::unique_ptr<Provider> MakeFirewallProvider();

}  // namespace kilter::reconciler
