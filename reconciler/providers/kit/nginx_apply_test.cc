#include "reconciler/providers/kit/nginx_apply.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/provider.h"
#include "support/fake_transport.h"

namespace kilter::reconciler::kit {

namespace {

const std::string kConf = "/etc/nginx/conf.d/kilter-a.conf";

/// A host whose nginx answers `nginx -t` with `test` and each reload in
/// turn with `reloads` (the last one repeats).
struct Host {
  testing::FakeTransport t{"lb1"};
  std::vector<CommandResult> reloads;
  size_t reloaded = 0;

  explicit Host(CommandResult test, std::vector<CommandResult> answers) : reloads(answers) {
    t.files()[kConf] = "old";
    t.On("nginx -t", test);
    t.On("-s reload", [this](const Command&) {
      CommandResult r = reloads[std::min(reloaded, reloads.size() - 1)];
      ++reloaded;
      return r;
    });
  }
};

const CommandResult kOk{0, "", ""};

}  // namespace

TEST_CASE("kit: nginx files are written, tested, reloaded and proven", "[kit][nginx]") {
  Host h(kOk, {kOk});
  ApplyNginxFiles(h.t, "nginx", "nginx.upstream \"a\" @ lb1", {{kConf, "new", "old"}});
  CHECK(h.t.files().at(kConf) == "new");
  std::vector<std::string> commands = h.t.commands();
  REQUIRE(commands.size() == 2);
  CHECK(commands[0] == "nginx -t");
  CHECK(commands[1].find("$N -s reload") != std::string::npos);
  CHECK(commands[1].find("[(emerg|alert)\\]") != std::string::npos);
}

TEST_CASE("kit: nginx -t failing puts the files back without a reload", "[kit][nginx]") {
  Host h(CommandResult{1, "", "nginx: [emerg] unknown directive \"servr\"\n"}, {kOk});
  CHECK_THROWS_WITH(
      ApplyNginxFiles(h.t, "nginx", "nginx.upstream \"a\" @ lb1", {{kConf, "new", "old"}}),
      "nginx.upstream \"a\" @ lb1: nginx -t rejected the new configuration; the previous files "
      "were restored: nginx: [emerg] unknown directive \"servr\"");
  CHECK(h.t.files().at(kConf) == "old");
  CHECK(h.reloaded == 0);
}

TEST_CASE("kit: a reload nginx refused restores the files and reloads them", "[kit][nginx]") {
  CommandResult refused{5, "nginx refused the reload (/var/log/nginx/error.log): [emerg] bind() "
                           "to 127.0.0.1:80 failed (98: Address already in use)\n", ""};
  Host h(kOk, {refused, kOk});
  CHECK_THROWS_WITH(
      ApplyNginxFiles(h.t, "nginx", "X @ lb1", {{kConf, "new", "old"}, {"/n/new", "n", {}}}),
      "X @ lb1: the reload did not take effect: nginx refused the reload "
      "(/var/log/nginx/error.log): [emerg] bind() to 127.0.0.1:80 failed (98: Address already in "
      "use); the previous files were restored and nginx serves them");
  CHECK(h.t.files().at(kConf) == "old");
  CHECK(h.t.files().count("/n/new") == 0);
  CHECK(h.reloaded == 2);
}

TEST_CASE("kit: when the restoring reload fails too, the message says so", "[kit][nginx]") {
  CommandResult refused{5, "nginx refused the reload: [emerg] bind() failed\n", ""};
  Host h(kOk, {refused});
  CHECK_THROWS_WITH(
      ApplyNginxFiles(h.t, "nginx", "X @ lb1", {{kConf, std::nullopt, "old"}}),
      Catch::Contains("the previous files were restored, but reloading them did not take effect "
                      "either") &&
          Catch::Contains("[emerg] bind() failed"));
  CHECK(h.t.files().at(kConf) == "old");
}

TEST_CASE("kit: RestoreNginxFiles puts back and proves the reload", "[kit][nginx]") {
  Host h(kOk, {kOk});
  h.t.files()[kConf] = "new";
  CHECK(RestoreNginxFiles(h.t, "nginx", {{kConf, "new", "old"}}).empty());
  CHECK(h.t.files().at(kConf) == "old");
  CHECK(h.reloaded == 1);
}

}  // namespace kilter::reconciler::kit
