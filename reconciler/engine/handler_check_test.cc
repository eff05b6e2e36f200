#include "reconciler/engine/handler_check.h"

#include <catch2/catch.hpp>

#include "support/fake_host.h"
#include "support/test_provider.h"

namespace kilter::reconciler {
namespace {

using testing::FakeTransport;

TEST_CASE("handler check: the program a command starts", "[handlers]") {
  CHECK(ProgramOf("systemctl reload php8.2-fpm") == "systemctl");
  CHECK(ProgramOf("/usr/sbin/service php8.2-fpm reload") == "/usr/sbin/service");
  CHECK(ProgramOf("LANG=C sudo -n systemctl reload php8.2-fpm") == "systemctl");
  CHECK(ProgramOf("env PATH=/opt/bin nice -n 5 reload-fpm") == "reload-fpm");
  CHECK(ProgramOf("sudo -u www-data -n /usr/local/bin/fpm-reload") == "/usr/local/bin/fpm-reload");
  CHECK(ProgramOf("kill -USR2 $(cat /run/php/php8.2-fpm.pid)") == "kill");
  CHECK(ProgramOf("(cd /srv && ./reload)") == "");
  CHECK(ProgramOf("'quoted prog' x") == "");
  CHECK(ProgramOf("") == "");
  CHECK(UsesSystemctl("sudo /bin/systemctl reload nginx"));
  CHECK(UsesSystemctl("systemctl reload php8.2-fpm"));
  CHECK_FALSE(UsesSystemctl("service php8.2-fpm reload"));
  CHECK_FALSE(UsesSystemctl("my-systemctl-wrapper reload"));
}

/// A host reading whose one provider (test.thing) defines the handler
/// "reload" as `systemctl reload test`, and a plan that runs it.
struct Planned {
  testing::TestWorld world;
  catalog::Host host = testing::TestHost("web1");
  HostReading reading;
  HostPlan plan;

  Planned() {
    reading.host = &host;
    ProviderReading& pr = reading.providers.emplace_back();
    pr.provider = testing::MakeTestProvider(world);
    pr.context.reset(new ProviderContext{host, nlohmann::json::object(), {}, {}, {}, ""});
    plan.host = "web1";
    plan.handlers = {{"reload", "systemctl reload test", {"test.thing \"a\" @ web1"}, "", ""}};
  }
};

TEST_CASE("handler check: a systemctl handler on a host without systemd fails the plan",
          "[handlers]") {
  Planned p;
  FakeTransport web1("web1");
  web1.On("command -v", CommandResult{0, "nosystemd 0 process_api\n", ""});
  std::vector<std::string> errors = CheckHandlers(web1, p.reading, p.plan);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] ==
        "web1: handler reload cannot run: `systemctl reload test` needs systemd, and systemd is "
        "not running on web1 (PID 1 is process_api).\n"
        "  Set [hosts.web1.providers.\"test\"] reload in kilter.toml to a command that "
        "works without systemd (an init script, or a signal to the service's master process), "
        "or to \"\" where nothing needs reloading. Nothing was changed.");
  REQUIRE(web1.commands().size() == 1);
  const std::string probe = web1.commands()[0];
  CHECK(probe.find("command -v systemctl ") != std::string::npos);
  CHECK(probe.find("[ -d /run/systemd/system ]") != std::string::npos);
}

TEST_CASE("handler check: a missing program fails the plan", "[handlers]") {
  Planned p;
  p.plan.handlers[0].command = "reload-fpm --graceful";
  FakeTransport web1("web1");
  web1.On("command -v", CommandResult{0, "missing 0\n", ""});
  std::vector<std::string> errors = CheckHandlers(web1, p.reading, p.plan);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].starts_with("web1: handler reload cannot run: `reload-fpm` is not a command on "
                              "web1 (the handler runs `reload-fpm --graceful`)."));
  CHECK(web1.commands()[0].find("/run/systemd") == std::string::npos);
}

TEST_CASE("handler check: handlers that can run, or none, pass", "[handlers]") {
  Planned p;
  FakeTransport web1("web1");
  web1.On("command -v", CommandResult{0, "", ""});
  CHECK(CheckHandlers(web1, p.reading, p.plan).empty());
  p.plan.handlers.clear();
  web1.ClearLog();
  CHECK(CheckHandlers(web1, p.reading, p.plan).empty());
  CHECK(web1.commands().empty());  // no handler to run: no round trip
}

TEST_CASE("handler check: a probe that cannot run is an error, not a pass", "[handlers]") {
  Planned p;
  FakeTransport web1("web1");
  web1.On("command -v", CommandResult{2, "", "sh: 1: Syntax error\n"});
  std::vector<std::string> errors = CheckHandlers(web1, p.reading, p.plan);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "web1: cannot check that the handlers can run: sh: 1: Syntax error");
}

}  // namespace
}  // namespace kilter::reconciler
