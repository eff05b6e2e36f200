#include "reconciler/transport/transport.h"

#include <fmt/format.h>

#include "reconciler/transport/local_transport.h"
#include "reconciler/transport/shell_quote.h"
#include "reconciler/transport/ssh_transport.h"

namespace kilter::reconciler {

TransportError::TransportError(const std::string& host, const std::string& message)
    : std::runtime_error(fmt::format("{}: {}", host, message)), host_(host) {}

std::string CommandResult::Said() const {
  std::string said = err.empty() ? out : err;
  size_t end = said.find_last_not_of(" \t\r\n");
  return end == std::string::npos ? "" : said.substr(0, end + 1);
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
