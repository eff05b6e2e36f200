#include "reconciler/apply/lock.h"

#include <unistd.h>

#include <catch2/catch.hpp>

#include "reconciler/engine/host_state.h"
#include "support/fake_host.h"
#include "support/test_provider.h"

namespace kilter::reconciler {

namespace {

LockHolder Holder(const std::string& run, const std::string& machine = "ci-1", long pid = 42) {
  return {"deploy", machine, pid, "boot:1", "2024-05-01T12:00:00Z", run};
}

/// The engine settings a host without [providers.kilter] gets (stdlib defaults).
EngineSettings TestEngineSettings() { return EngineSettingsFor(testing::TestHost("web1")); }

}  // namespace

TEST_CASE("lock: taken with O_EXCL, released only by its holder", "[lock]") {
  testing::FakeTransport fake("web1");
  testing::ServeEngineScripts(fake);
  EngineSettings settings = TestEngineSettings();
  {
    HostLock lock = HostLock::Acquire(fake, settings, Holder("aaaa"));
    REQUIRE(fake.files().count("/var/lib/kilter/lock"));
    CHECK(nlohmann::json::parse(fake.files()["/var/lib/kilter/lock"])["run_id"] == "aaaa");
    lock.Heartbeat();
  }
  CHECK(fake.files().count("/var/lib/kilter/lock") == 0);
  CHECK(testing::CommandLabels(fake) ==
        std::vector<std::string>{"lock", "heartbeat", "unlock"});
  REQUIRE(fake.commands()[0].find("set -C") != std::string::npos);
}

TEST_CASE("lock: a second apply fails fast naming the holder and since when", "[lock]") {
  testing::FakeTransport fake("web1");
  testing::ServeEngineScripts(fake);
  EngineSettings settings = TestEngineSettings();
  HostLock first = HostLock::Acquire(fake, settings, Holder("aaaa"));
  auto alive = [](const LockHolder&, const LockHolder&) { return false; };
  CHECK_THROWS_AS(HostLock::Acquire(fake, settings, Holder("bbbb"), alive), LockHeld);
  CHECK_THROWS_WITH(HostLock::Acquire(fake, settings, Holder("bbbb"), alive),
                    Catch::StartsWith("web1: another apply holds the lock: deploy@ci-1 (pid 42, "
                                      "run aaaa) since 2024-05-01T12:00:00Z"));
  // The loser did not remove the winner's lock.
  CHECK(nlohmann::json::parse(fake.files()["/var/lib/kilter/lock"])["run_id"] == "aaaa");
}

TEST_CASE("lock: a lock whose process is gone is taken over", "[lock]") {
  testing::FakeTransport fake("web1");
  testing::ServeEngineScripts(fake);
  EngineSettings settings = TestEngineSettings();
  fake.files()["/var/lib/kilter/lock"] = Holder("dead").ToJson().dump();
  auto dead = [](const LockHolder& h, const LockHolder&) { return h.run_id == "dead"; };
  HostLock lock = HostLock::Acquire(fake, settings, Holder("cccc"), dead);
  CHECK(lock.took_over() == "deploy@ci-1 (pid 42, run dead) since 2024-05-01T12:00:00Z");
  CHECK(testing::CommandLabels(fake) == std::vector<std::string>{"lock", "take-over", "lock"});
  CHECK(nlohmann::json::parse(fake.files()["/var/lib/kilter/lock"])["run_id"] == "cccc");
}

TEST_CASE("lock: a lock without a heartbeat for lock_timeout is stale", "[lock]") {
  testing::FakeTransport fake("web1");
  testing::ServeEngineScripts(fake);
  EngineSettings settings = TestEngineSettings();
  settings.lock_timeout = std::chrono::minutes(30);
  fake.files()["/var/lib/kilter/lock"] = Holder("0dd1", "elsewhere").ToJson().dump();
  auto alive = [](const LockHolder&, const LockHolder&) { return false; };
  // The fake reports the lock's idle seconds through its stat size.
  fake.stats()["/var/lib/kilter/lock"] = {0644, "root", "root", 29 * 60, false};
  CHECK_THROWS_WITH(HostLock::Acquire(fake, settings, Holder("dddd"), alive),
                    Catch::Contains("last touched 1740s ago"));
  fake.stats()["/var/lib/kilter/lock"].size = 31 * 60;
  HostLock lock = HostLock::Acquire(fake, settings, Holder("dddd"), alive);
  CHECK(lock.took_over().find("run 0dd1") != std::string::npos);
}

TEST_CASE("lock: the default liveness check looks at the holder's process", "[lock]") {
  CHECK(ProcessAlive(getpid(), CurrentHolder("ab").pid_start));
  CHECK_FALSE(ProcessAlive(getpid(), "another-boot:123"));
  CHECK_FALSE(ProcessAlive(0, ""));
  LockHolder me = CurrentHolder("ab");
  CHECK(me.pid == getpid());
  CHECK_FALSE(me.machine.empty());
  CHECK(NewRunId().size() == 16);
}

}  // namespace kilter::reconciler
