#include "reconciler/providers/kit/nginx_drain.h"

#include <fmt/format.h>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::kit {

std::string DrainWaitScript(const std::string& ss, const std::string& address,
                            std::chrono::milliseconds timeout) {
  // Only a reload's new workers skip a `down` server: the old ones finish
  // their requests on it and close their keepalive connections as they exit,
  // so the count falls to zero once the old generation is gone.
  return fmt::format(R"sh(SS={0} A={1} T={2}
case "$A" in unix:*) echo unix; exit 0 ;; esac
start=$(date +%s%N)
while :; do
  out=$($SS -Htn state established dst "$A" 2>&1) || {{ echo "$SS failed: $out"; exit 2; }}
  n=$(printf '%s' "$out" | grep -c . || true)
  [ "$n" -eq 0 ] && {{ echo 0; exit 0; }}
  [ $(( ($(date +%s%N) - start) / 1000000 )) -ge "$T" ] && {{ echo "$n"; exit 1; }}
  sleep 0.2
done
)sh",
                     ShellQuote(ss), ShellQuote(address), timeout.count());
}

std::string ConnectionsScript(const std::string& ss, const std::string& address) {
  return fmt::format(
      "out=$({} -Htn state established dst {} 2>&1) || {{ echo \"$out\" >&2; exit 2; }}\n"
      "printf '%s' \"$out\" | grep -c . || true\n",
      ShellQuote(ss), ShellQuote(address));
}

void WaitDrained(Transport& transport, const std::string& ss, const std::string& who,
                 const std::string& address, std::chrono::milliseconds timeout,
                 const std::string& what) {
  Command command;
  command.shell = DrainWaitScript(ss, address, timeout);
  CommandResult r = transport.Run(command);
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  if (r.exit_code == 1) {
    throw ProviderError(fmt::format(
        "{}: {} {}, but {} connection(s) to it are still open after drain_timeout {}s", who,
        address, what, out, timeout.count() / 1000.0));
  }
  if (!r.ok()) {
    throw ProviderError(
        fmt::format("{}: cannot count the connections to {}: {}{}", who, address, out, r.err));
  }
}

}  // namespace kilter::reconciler::kit
