#include "reconciler/plan/timings.h"

#include <catch2/catch.hpp>

#include <thread>

namespace kilter::reconciler {

namespace {

std::chrono::nanoseconds Ms(double ms) {
  return std::chrono::nanoseconds(static_cast<int64_t>(ms * 1e6));
}

}  // namespace

TEST_CASE("timings: a row per host and provider, a column per phase that took place",
          "[timings]") {
  Timings t;
  t.Add("web2", kEngineRow, Phase::kConnect, Ms(0.25));
  t.Add("web1", "php.opcache", Phase::kRead, Ms(24.06));
  t.Add("web1", kHostRow, Phase::kWall, Ms(30));
  t.Add("web1", "firewall", Phase::kRead, Ms(11.9));
  t.Add("web1", "firewall", Phase::kDiff, Ms(1.2));
  t.Add("web1", kEngineRow, Phase::kConnect, Ms(0.3));
  t.Add("web1", kEngineRow, Phase::kRead, Ms(1));
  t.Add("web1", kEngineRow, Phase::kRead, Ms(0.5));  // a phase done twice counts twice
  t.Add("web1", "firewall", Phase::kValidate, Ms(120));
  t.AddStep("compile", Ms(8.14));
  t.AddStep("plan", Ms(31.5));
  CHECK(RenderTimings(t, "kilter plan: timings (ms)") ==
        "kilter plan: timings (ms)\n"
        "  host  provider     connect  read  diff  validate  wall\n"
        "  web1  kilter           0.3   1.5     -         -     -\n"
        "  web1  firewall           -  11.9   1.2     120.0     -\n"
        "  web1  php.opcache        -  24.1     -         -     -\n"
        "  web1  (host)             -     -     -         -  30.0\n"
        "  web2  kilter           0.2     -     -         -     -\n"
        "  run: compile 8.1 ms, plan 31.5 ms\n");
}

TEST_CASE("timings: apply's phases get columns of their own, in the order they happen",
          "[timings]") {
  Timings t;
  t.Add("db1", kEngineRow, Phase::kVerify, Ms(3));
  t.Add("db1", "mysql.index", Phase::kApply, Ms(40));
  t.Add("db1", kEngineRow, Phase::kLock, Ms(2));
  t.Add("db1", kEngineRow, Phase::kHandlers, Ms(5));
  CHECK(RenderTimings(t, "apply") ==
        "apply\n"
        "  host  provider     lock  apply  handlers  verify\n"
        "  db1   kilter        2.0      -       5.0     3.0\n"
        "  db1   mysql.index     -   40.0         -       -\n");
}

TEST_CASE("timings: a phase timer records once it goes out of scope, even on a throw",
          "[timings]") {
  Timings t;
  try {
    PhaseTimer timer(&t, "web1", "firewall", Phase::kRead);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    throw std::runtime_error("nft failed");
  } catch (const std::runtime_error&) {
  }
  { PhaseTimer nothing(nullptr, "web1", "firewall", Phase::kDiff); }
  std::vector<PhaseTime> phases = t.phases();
  REQUIRE(phases.size() == 1);
  CHECK(phases[0].host == "web1");
  CHECK(phases[0].provider == "firewall");
  CHECK(phases[0].phase == Phase::kRead);
  CHECK(phases[0].took >= std::chrono::milliseconds(2));
}

}  // namespace kilter::reconciler
