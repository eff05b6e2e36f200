#pragma once

#include <memory>
#include <string>
#include <vector>

#include "support/fake_transport.h"

namespace kilter::testing {

/// Makes a FakeTransport behave like a host for the engine's apply lock
/// (reconciler/apply/lock.h), answering from its in-memory file system (the
/// fake serves batched reads, reconciler/providers/kit/batch_read.h, itself).
/// Provider tests then script only their own commands.
void ServeEngineScripts(FakeTransport &fake);

/// A short name for one of the engine's scripts ("read-files", "lock",
/// "take-over", "heartbeat", "unlock", "check-handlers"), or the command itself: lets tests
/// assert exact command lists without repeating whole scripts.
std::string CommandLabel(const std::string &display);

/// CommandLabel of every command run, in order.
std::vector<std::string> CommandLabels(const FakeTransport &fake);

/// A Transport that forwards to `fake` (owned by the test), for connectors
/// that must hand out unique_ptrs.
std::unique_ptr<reconciler::Transport> Borrow(FakeTransport &fake);

}  // namespace kilter::testing
