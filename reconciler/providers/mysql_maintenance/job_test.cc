#include "reconciler/providers/mysql_maintenance/job.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/provider.h"
#include "reconciler/providers/settings.h"
#include "support/default_settings.h"

using namespace kilter::reconciler;
using namespace kilter::reconciler::mysql_maintenance;

namespace {

kilter::catalog::Resource Resource() {
  kilter::catalog::Resource r;
  r.type = "mysql.maintenance";
  r.name = "shop db";
  r.host = "db1";
  r.fields = {{"database", "opencart"},
              {"tables", {"oc_order", "oc_product"}},
              {"analyze", "weekly sun 03:30"},
              {"optimize_when", {{"free_over", 25}}},
              {"window", "23:00-05:00"},
              {"grace", 3600000}};
  return r;
}

}  // namespace

TEST_CASE("mysql.maintenance: the cron file runs the job with its flags, and they make it again") {
  Settings s = TypedSettings<Settings>(kilter::testing::DefaultSettings(kType), kType);
  Job job = Job::From(Resource());
  CHECK(job.CronPath(s) == "/etc/cron.d/kilter-maintenance-shop-db");
  CHECK(job.RecordPath(s) == "/var/log/kilter-maintenance-shop-db.json");
  std::string cron = RenderCronFile(job, s);
  CHECK(cron.find("\n30 3 * * 0 root kilter maintenance job --name shop-db --host db1 --database "
                  "opencart --table oc_order --table oc_product --free-over 25 --analyze 'weekly "
                  "sun 03:30' --window 23:00-05:00 --log-dir /var/log --client mariadb "
                  "--connect-timeout 10 >> /var/log/kilter-maintenance-shop-db.log 2>&1\n") !=
        std::string::npos);

  std::vector<std::string> argv = JobArgv(job, s);
  JobFlags flags;
  for (size_t i = 3; i + 1 < argv.size(); i += 2) flags[argv[i].substr(2)].push_back(argv[i + 1]);
  auto [back, settings] = JobFromFlags(flags);
  CHECK(back.name == "shop-db");
  CHECK(back.tables == job.tables);
  CHECK(back.free_over == 25);
  CHECK(back.schedule.weekday == 0);
  CHECK(back.window.start == 23 * 60);
  CHECK(back.RecordPath(settings) == job.RecordPath(s));
  CHECK(settings.client == "mariadb");

  flags.erase("window");
  CHECK_THROWS_WITH(JobFromFlags(flags), "kilter maintenance job: --window is missing");
  flags["window"] = {"05:00-05:00"};
  CHECK_THROWS_WITH(JobFromFlags(flags), Catch::Contains("is not HH:MM-HH:MM with a length"));
}
