#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "reconciler/providers/provider.h"

/// Lockout protection at apply time: a firewall change that cuts kilter off
/// undoes itself.
namespace kilter::reconciler::firewall {

struct ConfirmedApply {
  std::string nft;     ///< the host's nft command ("nft", "ip netns exec NS nft")
  std::string dir;     ///< where the saved table and the rollback live on the host
  std::string table;   ///< "inet kilter"
  std::string script;  ///< the transaction to apply
  /// The transaction that puts the table back as it is now, when the read
  /// before the apply could write it (restore.h); otherwise the command
  /// saves the table on the host first.
  std::optional<std::string> restore;
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
};

/// In one command on the host, keeps the current table (the restore given,
/// or saved there and then), arms a rollback (a
/// detached `sh` that sleeps `timeout`, then loads the saved table) and only
/// then loads the script; then opens a fresh connection with
/// context.reconnect and disarms the rollback through it. When the fresh
/// connection fails the rollback fires by itself: this waits for it, checks
/// over another new connection that it fired, and throws ProviderError
/// saying the change was rolled back. A script nft refuses changes nothing:
/// the same command disarms the rollback and ProviderError carries nft's
/// message.
void ApplyConfirmed(Transport& transport, const ProviderContext& context,
                    const ConfirmedApply& apply);

/// The shell command that keeps the table, arms the rollback and loads the
/// transaction it reads on stdin: the restore's bytes first when there is
/// one, then the transaction. Exits 3 when a rollback armed earlier is
/// still pending and kNftRefused when nft refuses the transaction (the
/// rollback disarmed again); any other failure is before the load. Exposed
/// for tests.
std::string ArmAndLoadCommand(const ConfirmedApply& apply);

/// ArmAndLoadCommand's exit status when nft refused the transaction.
inline constexpr int kNftRefused = 5;

/// The shell command that disarms it and prints "disarmed", "fired" or
/// "missing".
std::string DisarmCommand(const ConfirmedApply& apply);

/// The rollback script the host runs.
std::string RollbackScript(const ConfirmedApply& apply);

}  // namespace kilter::reconciler::firewall
