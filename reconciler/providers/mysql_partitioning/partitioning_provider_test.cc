#include "reconciler/providers/mysql_partitioning/partitioning_provider.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "support/default_settings.h"
#include "support/fake_transport.h"

namespace kilter::reconciler::mysql_partitioning {

namespace {

using nlohmann::json;
using testing::FakeTransport;

const std::string kRecord = "/var/log/kilter-backup-opencart-db.last";

catalog::Resource Resource(const std::string& name, const std::string& table) {
  catalog::Resource r;
  r.type = "mysql.partitioning";
  r.name = name;
  r.host = "db1";
  r.fields = {{"database", "opencart"}, {"table", table},  {"column", "synced_at"},
              {"interval", "month"},    {"step", 1000000}, {"keep", 2},
              {"ahead", 1},             {"covered_by", "opencart-db"}};
  return r;
}

catalog::Resource Policy() {
  catalog::Resource r;
  r.type = "backup.policy";
  r.name = "opencart-db";
  r.host = "db1";
  r.fields = {{"source", {{"mysql", "opencart"}}},
              {"repository", "/srv/restic"},
              {"password_file", "/etc/kilter/restic.pass"},
              {"schedule", "0 3 * * *"},
              {"keep", {{"daily", 7}, {"weekly", 4}, {"monthly", 6}, {"yearly", 0}}},
              {"grace", 7200000},
              {"user", "root"}};
  return r;
}

/// What the server answers for two tables: one partitioned through
/// 2027-01 with rows in the catch-all, one not partitioned yet.
std::string Answer() {
  json parts = json::array();
  for (const char* m : {"202610", "202611", "202612", "202701"}) {
    std::string y = std::string(m).substr(0, 4), mo = std::string(m).substr(4);
    int next = std::stoi(mo) % 12 + 1;
    std::string ny = next == 1 ? std::to_string(std::stoi(y) + 1) : y;
    parts.push_back({{"name", std::string("p") + m},
                     {"bound", fmt::format("'{}-{:02}-01'", ny, next)},
                     {"rows", 100},
                     {"updated", ""}});
  }
  parts.push_back({{"name", "pmax"}, {"bound", "MAXVALUE"}, {"rows", 0}, {"updated", ""}});
  json keys = json::array({{{"key", "PRIMARY"}, {"column", "id"}},
                           {{"key", "PRIMARY"}, {"column", "synced_at"}}});
  json log = {{"table", "opencart.sync_log"}, {"exists", 1},     {"rows", 400},
              {"bytes", 65536},               {"column_type", "datetime"},
              {"method", "RANGE COLUMNS"},    {"expression", "`synced_at`"},
              {"partitions", parts},          {"keys", keys}};
  json plain = {{"table", "opencart.feed_log"}, {"exists", 1},       {"rows", 10},
                {"bytes", 16384},               {"column_type", "date"},
                {"method", nullptr},            {"expression", nullptr},
                {"partitions", nullptr},        {"keys", keys.dump()}};
  json clock = {{"clock", 1}, {"now", 1796637600}, {"offset", 0}, {"uptime", 600}};
  return clock.dump() + "\n" + plain.dump() + "\n" + log.dump() + "\nkilter:complete\n";
}

struct Fixture {
  catalog::Host host{"db1", "127.0.0.1", "", 22, "local", "", testing::DefaultHostSettings()};
  catalog::Resource log = Resource("log", "sync_log");
  catalog::Resource feed = Resource("feed", "feed_log");
  catalog::Resource policy = Policy();
  std::vector<std::string> statements;

  ProviderContext Context() {
    ProviderContext ctx{host, testing::DefaultSettings("mysql.partitioning"), {&log, &feed}, {},
                        nullptr};
    ctx.host_resources = {&policy, &log, &feed};
    return ctx;
  }

  void Serve(FakeTransport& t) {
    t.On("mariadb", [this](const Command& c) {
      if (c.stdin_data.find("information_schema") != std::string::npos) {
        return CommandResult{0, Answer(), ""};
      }
      statements.push_back(c.stdin_data);
      return CommandResult{0, "", ""};
    });
  }
};

}  // namespace

TEST_CASE("mysql.partitioning: one batch reads every table, the clock and the backup record",
          "[mysql.partitioning]") {
  Fixture f;
  FakeTransport t("db1");
  f.Serve(t);
  t.files()[kRecord] =
      R"({"repository_id":"ab","snapshot":"1f2e","time":"2026-12-01T03:00:00Z","size_bytes":9})"
      "\n";
  std::unique_ptr<Provider> p = MakePartitioningProvider();
  ProviderContext ctx = f.Context();
  LiveState live = p->Read(t, ctx);
  REQUIRE(t.commands().size() == 1);
  CHECK(std::count(t.log().begin(), t.log().end(), "batch F " + kRecord) == 1);
  CHECK(live.data["now"] == 1796637600);

  std::vector<Change> changes = p->Diff(ctx, live);
  REQUIRE(changes.size() == 2);
  // 2026-12-07: sync_log keeps 2026-10 and 2026-11, has 2027-01 ahead; p202609 is not there.
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK(changes[1].kind == ChangeKind::kCreate);

  SECTION("the clock overridden a month on: split, and a drop the recorded backup covers") {
    ctx.options.now = 1796637600 + 31 * 86400;
    live = p->Read(t, ctx);
    changes = p->Diff(ctx, live);
    REQUIRE(changes[0].actions.size() == 2);
    CHECK(changes[0].actions[0].detail ==
          "ALTER TABLE `opencart`.`sync_log` REORGANIZE PARTITION `pmax` INTO (PARTITION `p202702` "
          "VALUES LESS THAN ('2027-03-01'), PARTITION `pmax` VALUES LESS THAN (MAXVALUE))");
    CHECK(changes[0].actions[1].detail == "ALTER TABLE `opencart`.`sync_log` DROP PARTITION `p202610`");
    t.ClearLog();
    p->Apply(t, ctx, {changes[0]});
    CHECK(t.commands().size() == 2);
    REQUIRE(f.statements.size() == 2);
    CHECK(f.statements[0] == "SET SESSION lock_wait_timeout=5;\n" + changes[0].actions[0].detail + ";\n");
    CHECK(f.statements[1] == "SET SESSION lock_wait_timeout=5;\n" + changes[0].actions[1].detail + ";\n");
  }
  SECTION("without the record, the drop waits") {
    t.files().erase(kRecord);
    ctx.options.now = 1796637600 + 31 * 86400;
    changes = p->Diff(ctx, p->Read(t, ctx));
    REQUIRE(changes[0].actions.size() == 1);
    REQUIRE(changes[0].problems.size() == 1);
    CHECK(changes[0].problems[0].find("p202610") == 0);
  }
}

TEST_CASE("mysql.partitioning: a failed statement names what was already done",
          "[mysql.partitioning]") {
  Fixture f;
  FakeTransport t("db1");
  f.Serve(t);
  std::unique_ptr<Provider> p = MakePartitioningProvider();
  ProviderContext ctx = f.Context();
  ctx.options.now = 1796637600 + 31 * 86400;
  t.files()[kRecord] = R"({"repository_id":"ab","snapshot":"1f","time":"2026-12-31T03:00:00Z"})";
  std::vector<Change> changes = p->Diff(ctx, p->Read(t, ctx));
  t.On("mariadb", [](const Command& c) {
    bool drop = c.stdin_data.find("DROP PARTITION") != std::string::npos;
    return drop ? CommandResult{1, "", "ERROR 1205 (HY000) at line 2: Lock wait timeout exceeded"}
                : CommandResult{0, "", ""};
  });
  CHECK_THROWS_WITH(p->Apply(t, ctx, {changes[0]}),
                    Catch::Contains("Lock wait timeout exceeded") &&
                        Catch::Contains("already done: split pmax of opencart.sync_log"));
}

}  // namespace kilter::reconciler::mysql_partitioning
