#include "reconciler/providers/mysql_maintenance/maintenance_provider.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/mysql_maintenance/job.h"
#include "reconciler/providers/settings.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"

namespace kilter::reconciler::mysql_maintenance {

namespace {

using testing::FakeTransport;

constexpr int64_t kNow = 1796614200;  // 2026-12-07T03:30:00Z
const std::string kCron = "/etc/cron.d/kilter-maintenance-shop";
const std::string kRecord = "/var/log/kilter-maintenance-shop.json";

struct Fixture {
  catalog::Host host{"db1", "127.0.0.1", "", 22, "local", "", testing::DefaultHostSettings()};
  catalog::Resource shop;
  FakeTransport t{"db1"};
  std::unique_ptr<Provider> p = MakeMaintenanceProvider();

  Fixture() {
    shop.type = "mysql.maintenance";
    shop.name = "shop";
    shop.host = "db1";
    shop.fields = {{"database", "opencart"},
                   {"tables", nullptr},
                   {"analyze", "daily 03:30"},
                   {"optimize_when", {{"free_over", 20}}},
                   {"window", "03:00-05:00"},
                   {"grace", 7200000}};
    t.On("date +%s", CommandResult{0, std::to_string(kNow) + "\n", ""});
  }

  ProviderContext Context() {
    return ProviderContext{host, testing::DefaultSettings(kType), {&shop}, {}, nullptr};
  }

  std::vector<Change> Plan(ProviderContext ctx) { return p->Diff(ctx, p->Read(t, ctx)); }
};

}  // namespace

TEST_CASE("mysql.maintenance: one batch read, apply installs the cron file, then nothing to do",
          "[mysql.maintenance]") {
  Fixture f;
  std::vector<Change> changes = f.Plan(f.Context());
  CHECK(f.t.commands().size() == 1);
  CHECK(std::count(f.t.log().begin(), f.t.log().end(), "batch F " + kRecord) == 1);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kCreate);
  REQUIRE(changes[0].actions.size() == 1);
  CHECK(changes[0].actions[0].summary == "write " + kCron);
  CHECK(changes[0].problems.empty());
  CHECK(changes[0].measures.at("maintenance_interval_seconds") == 86400);

  f.t.On("mkdir", CommandResult{0, "", ""});
  f.p->Apply(f.t, f.Context(), changes);
  REQUIRE(f.t.files().count(kCron));
  CHECK(f.t.files()[kCron].find("30 3 * * * root kilter maintenance job --name shop") !=
        std::string::npos);
  f.t.mtimes()[kCron] = kNow - 600;
  changes = f.Plan(f.Context());
  CHECK(changes[0].kind == ChangeKind::kNothing);

  SECTION("a failed run is a problem naming the table and the server's error") {
    f.t.files()[kRecord] =
        R"({"database":"opencart","start":"2026-12-07T03:30:00Z","end":"2026-12-07T03:30:01Z",)"
        R"("tables":[{"table":"oc_order","action":"analyze","seconds":0.1,"result":"failed",)"
        R"("error":"SELECT command denied to user 'maint'@'localhost' for table `opencart`.`oc_order`"}]})";
    changes = f.Plan(f.Context());
    CHECK(changes[0].kind == ChangeKind::kNothing);
    REQUIRE(changes[0].problems.size() == 1);
    CHECK(changes[0].problems[0] ==
          "the last run (2026-12-07T03:30:00Z) failed on table opencart.oc_order: analyze TABLE: "
          "SELECT command denied to user 'maint'@'localhost' for table `opencart`.`oc_order`");
    CHECK(changes[0].measures.at("maintenance_last_run_timestamp_seconds") == kNow);
  }
  SECTION("--now past the schedule and its grace: the missing run is a problem") {
    ProviderContext ctx = f.Context();
    ctx.options.now = kNow + 2 * 86400;
    changes = f.Plan(ctx);
    REQUIRE(changes[0].problems.size() == 1);
    CHECK(changes[0].problems[0].rfind("late maintenance: no run at all, 2d 0h after", 0) == 0);
  }
  SECTION("an edit on the host is drift, and a resource no longer declared is deleted") {
    f.t.files()[kCron] += "# edited\n";
    changes = f.Plan(f.Context());
    CHECK(changes[0].kind == ChangeKind::kUpdate);
    CHECK(changes[0].cause == DriftCause::kLiveChanged);
    ProviderContext none{f.host, testing::DefaultSettings(kType), {}, {}, nullptr};
    changes = f.p->Diff(none, f.p->Read(f.t, none));
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == ChangeKind::kDelete);
    f.p->Apply(f.t, none, changes);
    CHECK_FALSE(f.t.files().count(kCron));
  }
}

}  // namespace kilter::reconciler::mysql_maintenance
