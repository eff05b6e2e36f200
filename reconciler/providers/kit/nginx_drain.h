#pragma once

#include <chrono>
#include <string>

#include "reconciler/transport/transport.h"

/// Draining a server of an nginx upstream (nginx.upstream's `drain`, the
/// previous slot of a bluegreen.service switch): after the reload, wait until
/// nginx holds no established connection to it.
namespace kilter::reconciler::kit {

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
/// connection(s) to it are still open after drain_timeout T" on timeout
/// (`what` stands for "is marked down" where another reason took it out),
/// or with ss's words when it cannot count.
void WaitDrained(Transport& transport, const std::string& ss, const std::string& who,
                 const std::string& address, std::chrono::milliseconds timeout,
                 const std::string& what = "is marked down");

}  // namespace kilter::reconciler::kit
