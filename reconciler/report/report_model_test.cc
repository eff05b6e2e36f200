#include <catch2/catch.hpp>

#include "reconciler/report/report_model.h"

namespace kilter::reconciler {

namespace {

catalog::Catalog Specs() {
  catalog::Catalog specs;
  for (const char* name : {"web1", "db1", "spare"}) {
    catalog::Host h;
    h.name = name;
    specs.hosts.push_back(h);
  }
  catalog::Resource motd;
  motd.type = "file";
  motd.name = "motd";
  motd.host = "spare";
  specs.resources.push_back(motd);
  return specs;
}

nlohmann::json Check(const std::string& status, double median) {
  return {{"address", "health.check \"api\" @ web1"},
          {"type", "health.check"},
          {"name", "api"},
          {"status", status},
          {"measures", {{"latency_median_seconds", median}, {"latency_target_seconds", 0.1}}}};
}

nlohmann::json Line(const std::string& time, const std::string& command, nlohmann::json hosts) {
  return {{"log", 1}, {"time", time}, {"command", command}, {"hosts", std::move(hosts)}};
}

}  // namespace

TEST_CASE("the report keeps each host's newest full read and the history of its measures") {
  ReportBuilder builder(Specs());
  builder.Add(Line("2026-12-05T03:00:00Z", "drift",
                   {{{"host", "web1"},
                     {"reachable", true},
                     {"last_apply", "2026-12-01T10:00:00Z"},
                     {"resources",
                      {Check("in_sync", 0.05),
                       {{"address", "file \"motd\" @ web1"},
                        {"type", "file"},
                        {"status", "drifted"},
                        {"kind", "update"},
                        {"diff", {"content: \"a\" → \"b\""}}}}}}}));
  builder.Add(Line("2026-12-06T03:00:00Z", "probe",
                   {{{"host", "web1"},
                     {"reachable", true},
                     {"resources", {Check("failed", 0.2)}}}}));
  builder.Add(Line(
      "2026-12-07T03:00:00Z", "drift",
      {{{"host", "web1"}, {"reachable", true}, {"resources", {Check("in_sync", 0.06)}}},
       {{"host", "db1"},
        {"reachable", true},
        {"resources",
         {{{"address", "backup.policy \"db\" @ db1"},
           {"type", "backup.policy"},
           {"status", "in_sync"},
           {"measures", {{"backup_age_seconds", 3600}, {"backup_interval_seconds", 86400}}}},
          {{"address", "tls.certificate \"shop\" @ db1"},
           {"type", "tls.certificate"},
           {"status", "in_sync"},
           {"measures", {{"certificate_expiry_timestamp_seconds", 1767225600}}}}}}},
       {{"host", "elsewhere"}, {"reachable", false}, {"errors", {"elsewhere: refused"}}}}));
  ReportModel m = builder.Finish();

  CHECK(m.lines == 3);
  CHECK(m.first_time == "2026-12-05T03:00:00Z");
  CHECK(m.last_time == "2026-12-07T03:00:00Z");
  REQUIRE(m.hosts.size() == 4);
  CHECK(m.hosts[0].host == "web1");
  CHECK(m.hosts[1].host == "db1");
  CHECK(m.hosts[2].host == "spare");
  CHECK_FALSE(m.hosts[2].seen);
  CHECK(m.hosts[3].host == "elsewhere");
  CHECK_FALSE(m.hosts[3].reachable);
  CHECK(m.hosts[3].errors == std::vector<std::string>{"elsewhere: refused"});
  // The newest drift replaced the older one (the drifted motd is gone); the
  // probe did not replace it, and the last apply seen is kept.
  REQUIRE(m.hosts[0].resources.size() == 1);
  CHECK(m.hosts[0].resources[0].status == "in_sync");
  CHECK(m.hosts[0].run_time == "2026-12-07T03:00:00Z");
  CHECK(m.hosts[0].last_apply == "2026-12-01T10:00:00Z");
  CHECK(m.types ==
        std::vector<std::string>{"backup.policy", "file", "health.check", "tls.certificate"});
  CHECK(m.declared["spare"]["file"] == 1);

  REQUIRE(m.latency.size() == 1);
  const LatencySeries& api = m.latency[0];
  REQUIRE(api.points.size() == 3);
  CHECK(api.points[1].median_seconds == 0.2);
  CHECK(api.target_seconds == 0.1);
  CHECK(m.availability.observations == 3);
  CHECK(m.availability.healthy == 2);
  REQUIRE(m.backups.size() == 1);
  CHECK(m.backups[0].value == 3600);
  CHECK(m.backups[0].limit == 86400);
  REQUIRE(m.certificates.size() == 1);
  CHECK(m.certificates[0].address == "tls.certificate \"shop\" @ db1");
  CHECK(m.certificates[0].value == 1767225600);
}

TEST_CASE("an older line does not replace a host's newer read") {
  ReportBuilder builder(Specs());
  builder.Add(Line("2026-12-07T03:00:00Z", "drift", {{{"host", "web1"}, {"reachable", true}}}));
  builder.Add(Line("2026-12-06T03:00:00Z", "plan", {{{"host", "web1"}, {"reachable", false}}}));
  ReportModel m = builder.Finish();
  CHECK(m.hosts[0].reachable);
  CHECK(m.hosts[0].command == "drift");
}

TEST_CASE("a line of another version or without a time is refused") {
  ReportBuilder builder(Specs());
  CHECK_THROWS_WITH(builder.Add({{"kind", "plan"}}), Catch::Contains("no \"log\" key"));
  CHECK_THROWS_WITH(builder.Add({{"log", 2}, {"time", "2026-12-07T03:00:00Z"}}),
                    Catch::Contains("run log version 2"));
  CHECK_THROWS_WITH(builder.Add({{"log", 1}, {"time", "yesterday"}}),
                    Catch::Contains("bad \"time\""));
}

}  // namespace kilter::reconciler
