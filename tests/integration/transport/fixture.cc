#include "tests/integration/transport/fixture.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "support/estate.h"

namespace kilter::testing {

const std::map<std::string, std::string>& Sshd() {
  static const std::map<std::string, std::string> env = EstateEnv("sshd");
  return env;
}

catalog::Host SshHost() {
  catalog::Host host;
  host.name = kHostName;
  host.address = Sshd().at("SSH_HOST");
  host.port = std::stoi(Sshd().at("SSH_PORT"));
  host.user = Sshd().at("SSH_USER");
  host.identity = Sshd().at("SSH_IDENTITY");
  host.transport = "ssh";
  return host;
}

reconciler::TransportOptions SshOptions() {
  reconciler::TransportOptions options;
  options.known_hosts = Sshd().at("SSH_KNOWN_HOSTS");
  options.connect_timeout = std::chrono::seconds(5);
  return options;
}

std::unique_ptr<reconciler::Transport> MakeTransport(const std::string& kind) {
  catalog::Host host = SshHost();
  host.transport = kind;
  return reconciler::Connect(host, SshOptions());
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kilter-transport-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
}

void WriteLocal(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
}

reconciler::Command Argv(std::vector<std::string> argv, std::string stdin_data) {
  reconciler::Command command;
  command.argv = std::move(argv);
  command.stdin_data = std::move(stdin_data);
  return command;
}

reconciler::Command Shell(std::string text) {
  reconciler::Command command;
  command.shell = std::move(text);
  return command;
}

}  // namespace kilter::testing
