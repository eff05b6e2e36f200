#pragma once

#include <chrono>
#include <string>

#include "reconciler/transport/transport.h"

namespace kilter::reconciler::nginx_upstream {

/// A script: counts the established TCP connections to `address` (host:port,
/// through `ss`) every 200 ms until there are none (prints "0", exit 0) or
/// `timeout` has passed (prints the count, exit 1). A unix socket address is
/// not counted: prints "unix", exit 0.
std::string DrainWaitScript(const std::string& ss, const std::string& address,
                            std::chrono::milliseconds timeout);

/// A script printing how many established TCP connections to `address`
/// (host:port) this host holds; exit 2 with ss's words when it cannot count.
std::string ConnectionsScript(const std::string& ss, const std::string& address);

/// Waits until nginx holds no established connection to `address` (bounded
/// by `timeout`). Throws ProviderError "WHO: ADDRESS is marked down, but N
/// connections to it are still open after T" on timeout, or with ss's words
/// when it cannot count.
void WaitDrained(Transport& transport, const std::string& ss, const std::string& who,
                 const std::string& address, std::chrono::milliseconds timeout);

}  // namespace kilter::reconciler::nginx_upstream
