#include "reconciler/providers/kit/setting_planes.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

namespace {

const PlaneWords kWords{"at boot", "the kernel's default"};

SettingPlanes Setting(const std::string& declared, std::optional<std::string> live,
                      std::optional<std::string> persisted, Takes takes = Takes::kLive) {
  SettingPlanes s;
  s.name = "somaxconn";
  s.declared = {declared, declared};
  if (live) s.live = PlaneValue{*live, *live};
  if (persisted) s.persisted = PlaneValue{*persisted, *persisted};
  s.persisted_in = persisted ? "/etc/sysctl.d/kilter-web.conf" : "";
  s.takes = takes;
  return s;
}

}  // namespace

TEST_CASE("planes: all three agree: no field, no reason, nothing to do", "[kit][planes]") {
  Change c;
  PlanesVerdict v = JudgePlanes(c, {Setting("4096", "4096", "4096")}, kWords);
  CHECK(v.set_live.empty());
  CHECK_FALSE(v.persist);
  CHECK(c.fields.empty());
  CHECK(c.reasons.empty());
  CHECK(c.problems.empty());
}

TEST_CASE("planes: live differs while the declared value is persisted: a hand change",
          "[kit][planes]") {
  Change c;
  PlanesVerdict v = JudgePlanes(c, {Setting("4096", "128", "4096")}, kWords);
  CHECK(v.set_live == std::vector<std::string>{"somaxconn"});
  CHECK(v.hand_changed);
  CHECK_FALSE(v.persist);
  REQUIRE(c.fields.size() == 1);
  CHECK(c.fields[0].before_display == "128");
  CHECK(c.fields[0].after_display == "4096");
  CHECK(c.reasons == std::vector<std::string>{
                         "somaxconn is 128 live, but the declared 4096 is persisted: changed by "
                         "hand, lost at boot"});
}

TEST_CASE("planes: persisted differs while live is declared: lost at restart", "[kit][planes]") {
  Change c;
  PlanesVerdict v = JudgePlanes(c, {Setting("4096", "4096", "1024")}, kWords);
  CHECK(v.set_live.empty());
  CHECK(v.persist);
  REQUIRE(c.fields.size() == 1);
  CHECK(c.fields[0].field == "somaxconn (persisted)");
  CHECK(c.reasons == std::vector<std::string>{
                         "somaxconn: the declared 4096 is live but lost at boot: it becomes 1024 "
                         "(from /etc/sysctl.d/kilter-web.conf)"});
}

TEST_CASE("planes: never applied: both planes differ, nothing persists it", "[kit][planes]") {
  Change c;
  PlanesVerdict v = JudgePlanes(c, {Setting("4096", "128", std::nullopt)}, kWords);
  CHECK(v.set_live.size() == 1);
  CHECK(v.persist);
  CHECK_FALSE(v.hand_changed);
  CHECK(c.fields.size() == 2);
  CHECK(c.fields[1].before_display == "(none)");
  CHECK(c.reasons == std::vector<std::string>{
                         "somaxconn is 128 live, not the declared 4096",
                         "somaxconn: at boot it changes to the kernel's default (nothing "
                         "persists it), not the declared 4096"});
}

TEST_CASE("planes: a file kilter does not own overrides: a problem, not a change",
          "[kit][planes]") {
  Change c;
  SettingPlanes s = Setting("4096", "4096", "1024");
  s.persisted_in = "/etc/sysctl.d/zz-local.conf";
  s.overridden = true;
  PlanesVerdict v = JudgePlanes(c, {s}, kWords);
  CHECK_FALSE(v.persist);
  CHECK(c.fields.empty());
  CHECK(c.problems == std::vector<std::string>{
                          "somaxconn persists as 1024 from /etc/sysctl.d/zz-local.conf, a file "
                          "kilter does not own that is read after kilter's: the declared 4096 is "
                          "lost at boot; remove somaxconn from /etc/sysctl.d/zz-local.conf by "
                          "hand"});
}

TEST_CASE("planes: a restart-only setting is persisted, then restart pending until restarted",
          "[kit][planes]") {
  const PlaneWords words{"when redis-server restarts", "redis-server's default"};
  Change before;
  PlanesVerdict v =
      JudgePlanes(before, {Setting("32", "16", "16", Takes::kAtRestart)}, words);
  CHECK(v.set_live.empty());
  CHECK(v.persist);
  CHECK(before.problems.empty());
  CHECK(before.fields.size() == 1);

  Change pending;
  v = JudgePlanes(pending, {Setting("32", "16", "32", Takes::kAtRestart)}, words);
  CHECK(v.pending);
  CHECK_FALSE(v.persist);
  CHECK(v.set_live.empty());
  CHECK(pending.fields.empty());
  CHECK(pending.problems == std::vector<std::string>{
                                "restart pending: somaxconn is 16 live; the declared 32 is "
                                "persisted and takes effect when redis-server restarts"});

  Change restarted;
  v = JudgePlanes(restarted, {Setting("32", "32", "32", Takes::kAtRestart)}, words);
  CHECK_FALSE(v.pending);
  CHECK(restarted.problems.empty());
}

TEST_CASE("planes: where apply may restart, a restart-only setting is a change, not a problem",
          "[kit][planes]") {
  PlaneWords words{"when redis-server restarts", "redis-server's default"};
  words.on_apply = "apply restarts redis-server";
  words.restarts = true;
  Change first;
  PlanesVerdict v = JudgePlanes(first, {Setting("32", "16", "16", Takes::kAtRestart)}, words);
  CHECK(v.persist);
  CHECK(v.restart);
  CHECK(first.problems.empty());

  Change pending;
  v = JudgePlanes(pending, {Setting("32", "16", "32", Takes::kAtRestart)}, words);
  CHECK(v.restart);
  CHECK_FALSE(v.pending);
  CHECK_FALSE(v.persist);
  CHECK(pending.problems.empty());
  REQUIRE(pending.fields.size() == 1);
  CHECK(pending.fields[0].field == "somaxconn");
  CHECK(pending.reasons == std::vector<std::string>{
                               "somaxconn is 16 live; the declared 32 is persisted and takes "
                               "effect when redis-server restarts: apply restarts redis-server"});

  Change live_already;
  v = JudgePlanes(live_already, {Setting("32", "32", "16", Takes::kAtRestart)}, words);
  CHECK(v.persist);
  CHECK_FALSE(v.restart);
}

TEST_CASE("planes: values compare in canonical form, and show as written", "[kit][planes]") {
  Change c;
  SettingPlanes s = Setting("4096 131072", "4096 131072", "4096 131072");
  s.live->shown = "4096\t131072";
  PlanesVerdict v = JudgePlanes(c, {s}, kWords);
  CHECK(v.set_live.empty());
  CHECK(c.fields.empty());
}

}  // namespace kilter::reconciler::kit
