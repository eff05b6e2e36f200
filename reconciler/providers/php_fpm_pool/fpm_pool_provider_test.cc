#include "reconciler/providers/php_fpm_pool/fpm_pool_provider.h"

#include <catch2/catch.hpp>

#include "reconciler/plan/plan.h"
#include "reconciler/plan/render.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"
#include "support/golden.h"

namespace kilter::reconciler::php_fpm_pool {

namespace {

using nlohmann::json;
using testing::FakeTransport;

const std::string kDir = "/etc/php/8.2/fpm/pool.d";
const std::string kFile = kDir + "/kilter-storefront.conf";
const std::string kConf = "/etc/php/8.2/fpm/php-fpm.conf";
const std::string kPid = "/run/php/php8.2-fpm.pid";

catalog::Resource Storefront() {
  catalog::Resource r;
  r.type = "php.fpm_pool";
  r.name = "storefront";
  r.host = "web1";
  r.fields = {{"listen", "/run/php/storefront.sock"},
              {"user", "www-data"},
              {"group", "www-data"},
              {"pm", "dynamic"},
              {"max_children", 24},
              {"start_servers", 6},
              {"min_spare_servers", 4},
              {"max_spare_servers", 8},
              {"max_requests", 500},
              {"request_terminate_timeout", 60000},
              {"status_path", "/fpm-status"},
              {"memory_limit", 268435456},
              {"php_admin_value", {{"upload_max_filesize", "64M"}}}};
  r.source = {"specs/web.kilt", 12, 1};
  return r;
}

/// A host with PHP-FPM: its php-fpm.conf, a master whose pid file was
/// written at `loaded_at`, a status page, and php-fpm -t answering `check`.
struct FakeFpm {
  int64_t loaded_at = 1000;
  bool running = true;
  json status = {{"pool", "storefront"}, {"process manager", "dynamic"},
                 {"total processes", 6}};
  CommandResult check{0, "", "[07-Dec-2026 03:25:28] NOTICE: configuration file x test is successful\n"};
  std::vector<std::string> check_scripts;

  void Serve(FakeTransport& t) {
    t.files()[kConf] = "[global]\npid = " + kPid + "\ninclude=" + kDir + "/*.conf\n";
    t.files()[kPid] = "4242\n";
    t.mtimes()[kPid] = loaded_at;
    t.On("echo running", [this](const Command&) {
      return CommandResult{0, running ? "running\n" : "stopped\n", ""};
    });
    t.On("cgi-fcgi", [this](const Command&) {
      return CommandResult{0, "Content-Type: application/json\r\n\r\n" + status.dump(), ""};
    });
    t.On("-t -y", [this](const Command& c) {
      check_scripts.push_back(c.shell);
      return check;
    });
  }
};

struct Fixture {
  catalog::Host host{"web1", "127.0.0.1", "", 22, "local", "", json::object()};
  FpmPoolProvider provider;
  FakeFpm fpm;
  catalog::Resource pool = Storefront();
  json settings = testing::DefaultSettings("php.fpm_pool");

  ProviderContext Context(std::vector<const catalog::Resource*> desired) {
    return {host, settings, std::move(desired), {}, nullptr};
  }

  std::vector<Change> Plan(FakeTransport& t, std::vector<const catalog::Resource*> desired) {
    fpm.Serve(t);
    ProviderContext ctx = Context(desired);
    std::vector<Change> changes = provider.Diff(ctx, provider.Read(t, ctx));
    provider.Validate(t, ctx, changes);
    return changes;
  }

  Change PlanOne(FakeTransport& t) {
    std::vector<Change> plan = Plan(t, {&pool});
    REQUIRE(plan.size() == 1);
    return plan[0];
  }

  /// Applies, then the master reloads (its pid file is rewritten after the files).
  void Apply(FakeTransport& t, const std::vector<Change>& changes,
             std::vector<const catalog::Resource*> desired) {
    std::vector<Change> acting;
    for (const Change& c : changes) {
      if (c.kind != ChangeKind::kNothing) acting.push_back(c);
    }
    provider.Apply(t, Context(desired), acting);
    for (auto& [path, mtime] : t.mtimes()) {
      if (path.rfind(kDir, 0) == 0) mtime = fpm.loaded_at;
    }
    t.mtimes()[kFile] = fpm.loaded_at;
  }
  void Apply(FakeTransport& t) { Apply(t, Plan(t, {&pool}), {&pool}); }
};

bool Has(const std::vector<std::string>& lines, const std::string& needle) {
  for (const std::string& l : lines) {
    if (l.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("php.fpm_pool: a new pool writes kilter's pool file, checked by php-fpm -t",
          "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  std::vector<Change> plan = f.Plan(t, {&f.pool});
  // One batch reads the host; one command checks the staged configuration.
  CHECK(t.commands().size() == 2);
  REQUIRE(plan.size() == 1);
  const Change& c = plan[0];
  CHECK(c.kind == ChangeKind::kCreate);
  CHECK(c.cause == DriftCause::kMissing);
  CHECK(c.notifies == std::vector<std::string>{"php-fpm"});
  REQUIRE(c.actions.size() == 1);
  CHECK(c.actions[0].summary == "write " + kFile);
  REQUIRE(f.fpm.check_scripts.size() == 1);
  CHECK(f.fpm.check_scripts[0].find("kilter-storefront.conf") != std::string::npos);
  CHECK(f.fpm.check_scripts[0].find("php-fpm8.2 -t -y") != std::string::npos);

  f.Apply(t, plan, {&f.pool});
  const std::string& file = t.files()[kFile];
  CHECK(file.rfind("; Managed by kilter: php.fpm_pool \"storefront\" @ web1.", 0) == 0);
  CHECK(file.find("[storefront]\nlisten = /run/php/storefront.sock\nuser = www-data\n"
                  "group = www-data\npm = dynamic\npm.max_children = 24\npm.start_servers = 6\n"
                  "pm.min_spare_servers = 4\npm.max_spare_servers = 8\npm.max_requests = 500\n"
                  "request_terminate_timeout = 60s\npm.status_path = /fpm-status\n"
                  "php_admin_value[memory_limit] = 256M\n"
                  "php_admin_value[upload_max_filesize] = 64M\n") != std::string::npos);
  Change again = f.PlanOne(t);
  CHECK(again.kind == ChangeKind::kNothing);
  CHECK(again.problems.empty());
}

TEST_CASE("php.fpm_pool: a hand edit of the pool file is drift in the persisted plane",
          "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t);
  std::string& file = t.files()[kFile];
  file.replace(file.find("pm.max_children = 24"), 20, "pm.max_children = 50");
  t.mtimes()[kFile] = f.fpm.loaded_at + 5;
  Change c = f.PlanOne(t);
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kLiveChanged);
  CHECK(c.reasons == std::vector<std::string>{
                         "pm.max_children: when PHP-FPM reloads it becomes 50 (from " + kFile +
                             "), not the declared 24; it takes effect only when PHP-FPM "
                             "reloads, and apply reloads PHP-FPM (handler php-fpm: systemctl "
                             "reload php8.2-fpm)",
                         kFile + " was edited on the host"});
  f.Apply(t, {c}, {&f.pool});
  CHECK(f.PlanOne(t).kind == ChangeKind::kNothing);
}

TEST_CASE("php.fpm_pool: a pool file newer than the master's load is reload pending",
          "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t);
  t.mtimes()[kFile] = f.fpm.loaded_at + 1;
  Change c = f.PlanOne(t);
  CHECK(c.kind == ChangeKind::kNothing);
  CHECK(c.cause == DriftCause::kLiveChanged);
  CHECK(c.problems == std::vector<std::string>{
                          "reload pending: " + kFile +
                          " changed after PHP-FPM last loaded its configuration; the pool takes "
                          "effect when PHP-FPM reloads"});
}

TEST_CASE("php.fpm_pool: the status page's process manager is the live pm", "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t);
  t.mtimes()[kFile] = f.fpm.loaded_at + 1;
  f.fpm.status["process manager"] = "static";
  Change c = f.PlanOne(t);
  CHECK(c.problems == std::vector<std::string>{
                          "reload pending: pm is static live; the declared dynamic is persisted "
                          "and takes effect when PHP-FPM reloads",
                          // A static pool runs max_children workers: the page reports its size.
                          "reload pending: pm.max_children is 6 live; the declared 24 is "
                          "persisted and takes effect when PHP-FPM reloads"});
}

TEST_CASE("php.fpm_pool: sizes and durations written another way are no change",
          "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t);
  // Another file, loaded before kilter's, sets the same values its own way.
  t.files()[kDir + "/a-local.conf"] =
      "[storefront]\nphp_admin_value[memory_limit] = 262144K\nrequest_terminate_timeout = 1m\n";
  t.files()[kDir + "/zz-local.conf"] =
      "[storefront]\nphp_admin_value[ memory_limit ] = \"256m\" ; same\n"
      "request_terminate_timeout = 60\n";
  Change c = f.PlanOne(t);
  CHECK(c.kind == ChangeKind::kNothing);
  CHECK(c.problems.empty());
}

TEST_CASE("php.fpm_pool: a later pool file defining the pool overrides kilter's: a problem",
          "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t);
  t.files()[kDir + "/zz-local.conf"] = "[storefront]\npm.max_children = 10\n";
  Change c = f.PlanOne(t);
  CHECK(c.kind == ChangeKind::kNothing);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0] ==
        "pm.max_children persists as 10 from " + kDir +
            "/zz-local.conf, a file kilter does not own that is read after kilter's: the "
            "declared 24 is lost when PHP-FPM reloads; remove pm.max_children from " + kDir +
            "/zz-local.conf by hand");
}

TEST_CASE("php.fpm_pool: a configuration PHP-FPM rejects fails the plan with its message",
          "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  f.fpm.check = {78, "",
                 "[07-Dec-2026 03:25:37] ERROR: [pool storefront] cannot get uid for user "
                 "'nobody-here'\n[07-Dec-2026 03:25:37] ERROR: FPM initialization failed\n"};
  CHECK_THROWS_WITH(f.Plan(t, {&f.pool}),
                    "web1: php.fpm_pool: PHP-FPM rejects the configuration (php-fpm8.2 -t, exit "
                    "78); nothing was written:\n"
                    "  ERROR: [pool storefront] cannot get uid for user 'nobody-here'\n"
                    "  ERROR: FPM initialization failed\n"
                    "for:\n  php.fpm_pool \"storefront\" @ web1 (specs/web.kilt:12:1)");
  CHECK(t.files().count(kFile) == 0);
}

TEST_CASE("php.fpm_pool: php-fpm.conf must include the pool directory", "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  f.fpm.Serve(t);
  t.files()[kConf] = "[global]\ninclude=/etc/other/*.conf\n";
  ProviderContext ctx = f.Context({&f.pool});
  CHECK_THROWS_WITH(f.provider.Diff(ctx, f.provider.Read(t, ctx)),
                    Catch::Contains("does not include " + kDir + "/*.conf"));
}

TEST_CASE("php.fpm_pool: a stopped master is a warning; live is unknown", "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t);
  f.fpm.running = false;
  Change c = f.PlanOne(t);
  CHECK(c.kind == ChangeKind::kNothing);
  CHECK(Has(c.warnings, "PHP-FPM is not running"));
}

TEST_CASE("php.fpm_pool: a pool no longer declared has its file removed and FPM reloads",
          "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t);
  std::vector<Change> plan = f.Plan(t, {});
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].kind == ChangeKind::kDelete);
  CHECK(plan[0].notifies == std::vector<std::string>{"php-fpm"});
  f.Apply(t, plan, {});
  CHECK(t.files().count(kFile) == 0);
}

TEST_CASE("php.fpm_pool: an empty reload setting means no handler", "[php.fpm_pool]") {
  Fixture f;
  CHECK(f.provider.Handlers(f.Context({&f.pool})).size() == 1);
  f.settings["reload"] = "";
  CHECK(f.provider.Handlers(f.Context({&f.pool})).empty());
}

TEST_CASE("php.fpm_pool: drift in three planes, rendered (golden)", "[php.fpm_pool]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t);
  std::string& file = t.files()[kFile];
  file.replace(file.find("pm.max_children = 24"), 20, "pm.max_children = 50");
  t.mtimes()[kFile] = f.fpm.loaded_at + 5;
  t.files()[kDir + "/zz-local.conf"] = "[storefront]\npm.max_requests = 0\n";
  Plan plan;
  plan.kind = "drift";
  plan.hosts = {HostPlan{"web1", f.Plan(t, {&f.pool}), {}, {}, {}}};
  for (Change& c : plan.hosts[0].changes) c.fingerprint = "sha256:0000";
  testing::CheckPlanGolden("php-fpm-pool-drift.txt", RenderText(plan, {}));
}

}  // namespace kilter::reconciler::php_fpm_pool
