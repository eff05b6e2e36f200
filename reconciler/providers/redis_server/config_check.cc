#include "reconciler/providers/redis_server/config_check.h"

#include <fmt/format.h>

#include "reconciler/transport/shell_quote.h"

namespace kilter::reconciler::redis_server {

kit::ConfigCheck ConfigCheck(const Settings& settings, const catalog::Resource& resource) {
  std::string config = resource.fields.value("config_file", std::string());
  Command check;
  // The options after the file override what it sets for the scratch
  // server only: no port, no daemon, its own socket, log and directory.
  check.shell = fmt::format(
      "d=$(mktemp -d) && trap 'rm -rf \"$d\"' EXIT && "
      "{{ {} {} --port 0 --tls-port 0 --unixsocket \"$d/s\" --daemonize no --supervised no "
      "--pidfile \"$d/pid\" --logfile '' --dir \"$d\" --save '' --appendonly no "
      "--cluster-enabled no >\"$d/log\" 2>&1 & }} && p=$! && i=0 && "
      "while [ ! -S \"$d/s\" ]; do "
      "if ! kill -0 $p 2>/dev/null || [ $i -ge 100 ]; then "
      "kill -9 $p 2>/dev/null; wait $p; cat \"$d/log\" >&2; exit 1; fi; "
      "i=$((i+1)); sleep 0.1; done; kill $p; wait $p; exit 0",
      ShellQuote(settings.redis_server), ShellQuote(config));
  check.timeout = std::chrono::seconds(30);
  return {fmt::format("{} loading {} in a scratch server", settings.redis_server, config), check};
}

kit::ServiceRestart RestartOf(const Settings& settings, const catalog::Resource& resource) {
  kit::ServiceRestart r;
  r.service = "redis-server at " + resource.fields.value("address", std::string());
  r.check = ConfigCheck(settings, resource);
  r.restart = resource.fields.value("restart_command", std::string());
  r.timeout = std::chrono::seconds(settings.restart_timeout);
  return r;
}

}  // namespace kilter::reconciler::redis_server
