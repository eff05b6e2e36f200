// php.fpm_pool against a real PHP-FPM 8.2 master the estate started
// (scripts/estate.d/php-fpm.sh): its own php-fpm.conf and pool directory,
// pools on loopback. Every case runs over the local transport and over SSH
// to the estate's sshd. The php-fpm handler is the estate's reload script
// (SIGUSR2, then it waits until FPM is ready again), run by the test where
// the engine would run it: once after apply.

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "reconciler/providers/provider.h"
#include "reconciler/transport/transport.h"
#include "support/default_settings.h"
#include "support/estate.h"
#include "support/estate_host.h"
#include "support/read_text.h"

namespace kilter::reconciler {

namespace {

namespace fs = std::filesystem;
using testing::Sh;
using nlohmann::json;

/// The estate's PHP-FPM and the provider reaching it the way a host would be reached.
struct FpmHost {
  std::map<std::string, std::string> env = testing::EstateEnv("php-fpm");
  catalog::Host host;
  std::unique_ptr<Provider> provider = MakeProvider("php.fpm_pool");
  std::unique_ptr<Transport> transport;
  json settings = testing::DefaultSettings("php.fpm_pool");
  catalog::Resource pool;

  FpmHost() : host(testing::EstateHost(GENERATE(as<std::string>{}, "local", "ssh"))), transport(testing::ConnectEstate(host)) {
    settings["pool_dir"] = env.at("FPM_POOL_DIR");
    settings["conf"] = env.at("FPM_CONF");
    settings["fpm"] = env.at("FPM_BIN");
    settings["pid_file"] = env.at("FPM_PID_FILE");
    settings["reload"] = env.at("FPM_RELOAD");
    // Every case starts from the estate's own configuration, loaded.
    Sh("rm -f " + env.at("FPM_POOL_DIR") + "/kilter-*.conf " + env.at("FPM_POOL_DIR") +
       "/zz-*.conf && " + env.at("FPM_RELOAD"));
    pool.type = "php.fpm_pool";
    pool.name = "storefront";
    pool.host = "web1";
    pool.source = {"specs/web.kilt", 20, 1};
    pool.fields = {{"listen", "127.0.0.1:" + env.at("FPM_PORT")},
                   {"user", "www-data"},
                   {"group", "www-data"},
                   {"pm", "static"},
                   {"max_children", 3},
                   {"start_servers", 2},
                   {"min_spare_servers", 1},
                   {"max_spare_servers", 3},
                   {"max_requests", 500},
                   {"request_terminate_timeout", 60000},
                   {"status_path", "/fpm-status"},
                   {"memory_limit", 268435456},
                   {"php_admin_value", json::object()}};
  }

  std::string File() const { return env.at("FPM_POOL_DIR") + "/kilter-storefront.conf"; }
  ProviderContext Context() { return {host, settings, {&pool}, {}, nullptr}; }

  /// Read, diff and the plan's php-fpm -t, as `kilter plan` does.
  std::vector<Change> Plan() {
    ProviderContext ctx = Context();
    std::vector<Change> changes = provider->Diff(ctx, provider->Read(*transport, ctx));
    provider->Validate(*transport, ctx, changes);
    return changes;
  }
  Change PlanOne() {
    std::vector<Change> plan = Plan();
    REQUIRE(plan.size() == 1);
    return plan[0];
  }

  /// Apply, then the handler the changes notified.
  void Apply() {
    std::vector<Change> acting;
    bool notify = false;
    for (const Change& c : Plan()) {
      if (c.kind == ChangeKind::kNothing) continue;
      acting.push_back(c);
      notify = notify || !c.notifies.empty();
    }
    provider->Apply(*transport, Context(), acting);
    if (notify) Sh(env.at("FPM_RELOAD"));
  }

  /// The pool's status page, read as a web server would reach it.
  json Status() {
    std::string out = Sh("SCRIPT_NAME=/fpm-status SCRIPT_FILENAME=/fpm-status "
                         "REQUEST_METHOD=GET QUERY_STRING=json cgi-fcgi -bind -connect 127.0.0.1:" +
                         env.at("FPM_PORT"));
    return json::parse(out.substr(out.find('{')));
  }

  /// The status page once the master has forked its `n` static workers
  /// (they join the scoreboard one by one after a start or reload), or as it
  /// is after 10 s (a loaded machine forks slowly).
  json StatusWith(int n) {
    json status = Status();
    for (int i = 0; i < 100 && status.at("total processes") != n; ++i) {
      Sh("sleep 0.1");
      status = Status();
    }
    return status;
  }
};

}  // namespace

TEST_CASE("php.fpm_pool: apply and reload make the pool live; plan is then empty",
          "[php.fpm_pool][integration]") {
  FpmHost h;
  Change first = h.PlanOne();
  CHECK(first.kind == ChangeKind::kCreate);
  h.Apply();
  json status = h.StatusWith(3);
  CHECK(status.at("pool") == "storefront");
  CHECK(status.at("process manager") == "static");
  CHECK(status.at("total processes") == 3);
  Change again = h.PlanOne();
  CHECK(again.kind == ChangeKind::kNothing);
  CHECK(again.problems.empty());
  CHECK(again.warnings.empty());
}

TEST_CASE("php.fpm_pool: a hand edit of the pool file is drift; apply puts it back",
          "[php.fpm_pool][integration]") {
  FpmHost h;
  h.Apply();
  Sh("sed -i 's/^pm.max_children = 3$/pm.max_children = 5/' " + h.File());
  Change c = h.PlanOne();
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kLiveChanged);
  REQUIRE(!c.reasons.empty());
  CHECK(c.reasons[0].find("pm.max_children: when PHP-FPM reloads it becomes 5") == 0);
  h.Apply();
  CHECK(h.StatusWith(3).at("total processes") == 3);
  CHECK(h.PlanOne().kind == ChangeKind::kNothing);
}

TEST_CASE("php.fpm_pool: after PHP-FPM is killed and started again the declared pool is live",
          "[php.fpm_pool][integration]") {
  FpmHost h;
  h.Apply();
  Sh(h.env.at("FPM_STOP"));
  Change stopped = h.PlanOne();
  CHECK(stopped.kind == ChangeKind::kNothing);
  REQUIRE(stopped.warnings.size() == 1);
  CHECK(stopped.warnings[0].find("PHP-FPM is not running") == 0);
  Sh(h.env.at("FPM_START"));
  json status = h.StatusWith(3);
  CHECK(status.at("process manager") == "static");
  CHECK(status.at("total processes") == 3);
  Change c = h.PlanOne();
  CHECK(c.kind == ChangeKind::kNothing);
  CHECK(c.problems.empty());
}

TEST_CASE("php.fpm_pool: a new size is written, reloaded and live", "[php.fpm_pool][integration]") {
  FpmHost h;
  h.Apply();
  h.pool.fields["max_children"] = 4;
  Change c = h.PlanOne();
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kSpecChanged);
  h.Apply();
  CHECK(h.StatusWith(4).at("total processes") == 4);
  CHECK(h.PlanOne().kind == ChangeKind::kNothing);
}

TEST_CASE("php.fpm_pool: a file written but not reloaded is reload pending",
          "[php.fpm_pool][integration]") {
  FpmHost h;
  h.Apply();
  h.pool.fields["max_children"] = 4;
  ProviderContext ctx = h.Context();
  std::vector<Change> plan = h.Plan();
  // Apply without the handler: the file waits for a reload.
  h.provider->Apply(*h.transport, ctx, plan);
  Sh("sleep 1.1 && touch " + h.File());
  Change c = h.PlanOne();
  CHECK(c.kind == ChangeKind::kNothing);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].find("reload pending: pm.max_children is 3 live; the declared 4") == 0);
  Sh(h.env.at("FPM_RELOAD"));
  CHECK(h.StatusWith(4).at("total processes") == 4);
  std::string problems;
  for (const std::string& p : h.PlanOne().problems) problems += p + "\n";
  CHECK(problems == "");
}

TEST_CASE("php.fpm_pool: a configuration PHP-FPM rejects fails the plan; nothing written",
          "[php.fpm_pool][integration]") {
  FpmHost h;
  h.pool.fields["user"] = "no-such-user-kilter";
  CHECK_THROWS_WITH(h.Plan(), Catch::Contains("PHP-FPM rejects the configuration") &&
                                  Catch::Contains("[pool storefront] cannot get uid for user "
                                                  "'no-such-user-kilter'") &&
                                  Catch::Contains("php.fpm_pool \"storefront\" @ web1 "
                                                  "(specs/web.kilt:20:1)"));
  CHECK_FALSE(fs::exists(h.File()));
  Change create = Change::Of(h.pool);
  create.kind = ChangeKind::kCreate;
  CHECK_THROWS_WITH(h.provider->Apply(*h.transport, h.Context(), {create}),
                    Catch::Contains("cannot get uid for user"));
  CHECK_FALSE(fs::exists(h.File()));
}

}  // namespace kilter::reconciler
