#include "reconciler/providers/kit/mariadb_service.h"

#include "reconciler/transport/shell_quote.h"

namespace kilter::reconciler::mysql {

kit::ConfigCheck ServerConfigCheck(const std::string& server, const std::string& config_file) {
  std::string command = ShellQuote(server);
  if (!config_file.empty()) command += " " + ShellQuote("--defaults-file=" + config_file);
  command += " --help --verbose";
  kit::ConfigCheck check{"`" + command + "`", {}};
  // The help text is long; what failed is on stderr.
  check.command.shell = command + " >/dev/null";
  return check;
}

kit::ServiceRestart ServerRestart(const std::string& server, const std::string& config_file,
                                  const std::string& restart_command,
                                  std::chrono::seconds timeout) {
  kit::ServiceRestart r;
  r.service = "the MariaDB server";
  r.check = ServerConfigCheck(server, config_file);
  r.restart = restart_command;
  r.timeout = timeout;
  return r;
}

bool ServerAnswers(Transport& transport, const ClientSettings& client) {
  return transport.Run(ClientCommand(client, "SELECT 1;\n")).ok();
}

}  // namespace kilter::reconciler::mysql
