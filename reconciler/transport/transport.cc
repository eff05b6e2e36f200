#include "reconciler/transport/transport.h"

#include <fmt/format.h>

#include "compiler/catalog/text.h"

#include "reconciler/transport/local_transport.h"
#include "reconciler/transport/shell_quote.h"
#include "reconciler/transport/ssh_transport.h"

namespace kilter::reconciler {

TransportError::TransportError(const std::string& host, const std::string& message)
    : std::runtime_error(fmt::format("{}: {}", host, message)), host_(host) {}

std::string CommandResult::Said() const {
  return catalog::Trim(err.empty() ? out : err);
}

std::string Command::Display() const {
  if (!shell.empty()) return shell;
  return ShellJoin(argv);
}

std::unique_ptr<Transport> Connect(const catalog::Host& host, const TransportOptions& options) {
  if (host.transport == "local") return std::make_unique<LocalTransport>(host.name);
  if (host.transport == "ssh") return std::make_unique<SshTransport>(host, options);
  throw TransportError(host.name, fmt::format("unknown transport \"{}\" (expected \"ssh\" or \"local\")",
                                              host.transport));
}

}  // namespace kilter::reconciler
