#pragma once

#include <chrono>
#include <string>

#include "reconciler/providers/provider.h"

/// Lockout protection at apply time: a firewall change that cuts kilter off
/// undoes itself.
namespace kilter::reconciler::firewall {

struct ConfirmedApply {
  std::string nft;        ///< the host's nft command ("nft", "ip netns exec NS nft")
  std::string state_dir;  ///< where the saved table and the rollback live on the host
  std::string table;      ///< "inet kilter"
  bool table_exists = false;
  std::string script;  ///< the transaction to apply
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
};

/// Saves the current table on the host and arms a rollback there (a detached
/// `sh` that sleeps `timeout`, then loads the saved table), applies the
/// script, opens a fresh connection with context.reconnect and disarms the
/// rollback through it. When the fresh connection fails the rollback fires by
/// itself: this waits for it, checks over another new connection that it
/// fired, and throws ProviderError saying the change was rolled back. A
/// script nft refuses changes nothing: the rollback is disarmed and
/// ProviderError carries nft's message.
void ApplyConfirmed(Transport& transport, const ProviderContext& context,
                    const ConfirmedApply& apply);

/// The shell command that arms the rollback (reads the rollback script on
/// stdin); exposed for tests.
std::string ArmCommand(const ConfirmedApply& apply);

/// The shell command that disarms it and prints "disarmed", "fired" or
/// "missing".
std::string DisarmCommand(const ConfirmedApply& apply);

/// The rollback script the host runs.
std::string RollbackScript(const ConfirmedApply& apply);

}  // namespace kilter::reconciler::firewall
