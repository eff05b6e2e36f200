#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler {

/// The firewall provider: firewall.chain, firewall.set and firewall.rule
/// resources of a host live in one nftables table that kilter owns (setting
/// `table`, default "inet kilter"); nothing outside it is ever touched. It
/// reads the table with `nft -j list table`, diffs rule by rule (order
/// included), checks the new table with `nft -c` on the host at plan time,
/// refuses a plan that would drop kilter's own SSH connection unless
/// --allow-lockout, and applies the whole table in one `nft -f` transaction,
/// commit-confirmed, its rollback kept in the engine's state directory
/// (STATE_DIR/firewall). Settings: table, nft (the command, e.g.
/// "ip netns exec NS nft"), confirm_timeout.
std::unique_ptr<Provider> MakeFirewallProvider();

}  // namespace kilter::reconciler
