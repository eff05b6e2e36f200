#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "compiler/catalog/catalog.h"
#include "reconciler/transport/transport.h"
#include "support/estate.h"
#include "support/read_text.h"

/// What the integration tests of a provider share: the host "web1" reached
/// locally or over SSH to the estate's sshd, and shell lines run on the
/// controller.
namespace kilter::testing {

/// web1 reached the way `transport` says: "local", or "ssh" to the estate's sshd.
inline catalog::Host EstateHost(const std::string& transport) {
  catalog::Host host;
  host.name = "web1";
  host.transport = transport;
  if (transport == "ssh") {
    std::map<std::string, std::string> ssh = EstateEnv("sshd");
    host.address = ssh.at("SSH_HOST");
    host.port = std::stoi(ssh.at("SSH_PORT"));
    host.user = ssh.at("SSH_USER");
    host.identity = ssh.at("SSH_IDENTITY");
  }
  return host;
}

/// A transport to `host`, checking the estate sshd's host key over SSH.
inline std::unique_ptr<reconciler::Transport> ConnectEstate(const catalog::Host& host) {
  reconciler::TransportOptions options;
  if (host.transport == "ssh") options.known_hosts = EstateEnv("sshd").at("SSH_KNOWN_HOSTS");
  return reconciler::Connect(host, options);
}

/// Runs a shell line on the controller and returns what it printed; fails
/// the test, with that output, when it fails.
inline std::string Sh(const std::string& line) {
  std::string out_file = std::filesystem::temp_directory_path() /
                         ("kilter-sh-" + std::to_string(::getpid()) + ".out");
  int rc = std::system((line + " > " + out_file + " 2>&1").c_str());
  std::string out = ReadText(out_file);
  std::filesystem::remove(out_file);
  INFO(line << "\n" << out);
  REQUIRE(rc == 0);
  return out;
}

}  // namespace kilter::testing
