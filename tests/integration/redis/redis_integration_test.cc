// redis.server against the estate's real redis-server 7 (its own config
// file, on loopback). Every case starts the server afresh without kilter's
// file, and runs over the local transport and over SSH to the estate's sshd.
// "Survives a restart" is proven by killing redis-server and starting it
// again from its config file.

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "reconciler/plan/redact.h"
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

const std::string kSecret = "kilter test pass";

/// Whether `pid` still runs: a daemonised redis-server killed here stays a
/// zombie until the machine's PID 1 reaps it, which may be never.
bool Alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, comm, state;
  return stat >> pid_field >> comm >> state && state != "Z";
}

/// The estate's redis-server, restarted clean, and the provider reaching it.
struct Server {
  std::map<std::string, std::string> env = testing::EstateEnv("redis");
  catalog::Host host;
  std::unique_ptr<Provider> provider = MakeProvider("redis.server");
  std::unique_ptr<Transport> transport;
  json settings = testing::DefaultSettings("redis.server");
  catalog::Resource cache;
  std::string password;  ///< what redis-cli authenticates with in the test

  Server() : host(testing::EstateHost(GENERATE(as<std::string>{}, "local", "ssh"))), transport(testing::ConnectEstate(host)) {
    Kill();
    fs::remove(File());
    Start();
    cache.type = "redis.server";
    cache.name = "cache";
    cache.host = "web1";
    cache.source = {"specs/web.kilt", 7, 1};
    cache.fields = {{"address", "127.0.0.1:" + env.at("REDIS_PORT")},
                    {"config_file", env.at("REDIS_CONF")},
                    {"restart", "never"},
                    {"maxmemory", 1073741824},
                    {"maxmemory_policy", "allkeys-lru"},
                    {"appendonly", false},
                    {"save", {"3600 1", "300 100"}},
                    {"timeout", 300000},
                    {"parameters", {{"hz", 20}}}};
  }
  ~Server() {
    Kill();
    fs::remove(File());
    Start();
  }

  std::string File() const { return env.at("REDIS_DIR") + "/kilter-cache.conf"; }

  /// kill -9: nothing is saved on the way down.
  void Kill() {
    std::string pidfile = env.at("REDIS_PID_FILE");
    if (!fs::exists(pidfile)) return;
    pid_t pid = std::stoi(testing::ReadText(pidfile));
    ::kill(pid, SIGKILL);
    for (int i = 0; i < 100 && Alive(pid); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    fs::remove(pidfile);
  }
  void Start() {
    Sh(env.at("REDIS_START"));
    for (int i = 0; i < 100; ++i) {
      if (std::system(("redis-cli -p " + env.at("REDIS_PORT") + " ping >/dev/null 2>&1").c_str()) == 0) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("redis-server did not start again");
  }

  /// A redis-cli command's output, authenticated like the test's server.
  std::string Cli(const std::string& words) {
    std::string auth = password.empty() ? "" : "REDISCLI_AUTH='" + password + "' ";
    std::string out = Sh(auth + "redis-cli --no-auth-warning -p " + env.at("REDIS_PORT") + " " + words);
    return out.substr(0, out.find('\n'));
  }
  /// CONFIG GET NAME's value.
  std::string Get(const std::string& name) {
    std::string auth = password.empty() ? "" : "REDISCLI_AUTH='" + password + "' ";
    std::string out = Sh(auth + "redis-cli --no-auth-warning -p " + env.at("REDIS_PORT") +
                         " CONFIG GET " + name + " | sed -n 2p");
    return out.substr(0, out.find('\n'));
  }

  ProviderContext Context() { return {host, settings, {&cache}, {}, nullptr}; }

  Change Plan() {
    ProviderContext ctx = Context();
    std::vector<Change> plan = provider->Diff(ctx, provider->Read(*transport, ctx));
    REQUIRE(plan.size() == 1);
    return plan[0];
  }

  void Apply() {
    Change c = Plan();
    if (c.kind != ChangeKind::kNothing) provider->Apply(*transport, Context(), {c});
  }
};

bool Has(const std::vector<std::string>& lines, const std::string& needle) {
  for (const std::string& l : lines) {
    if (l.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("redis.server: apply, plan empty, and the values survive kill -9 and a restart",
          "[redis][integration]") {
  Server s;
  Change first = s.Plan();
  CHECK(first.kind == ChangeKind::kCreate);
  CHECK(Has(first.reasons, "maxmemory is 0 live, not the declared 1GiB"));
  s.Apply();
  CHECK(s.Get("maxmemory") == "1073741824");
  CHECK(s.Get("maxmemory-policy") == "allkeys-lru");
  CHECK(s.Get("save") == "3600 1 300 100");
  CHECK(s.Get("hz") == "20");
  CHECK(s.Plan().kind == ChangeKind::kNothing);

  s.Kill();
  s.Start();
  CHECK(s.Get("maxmemory") == "1073741824");
  CHECK(s.Get("maxmemory-policy") == "allkeys-lru");
  CHECK(s.Get("save") == "3600 1 300 100");
  CHECK(s.Get("timeout") == "300");
  CHECK(s.Get("hz") == "20");
  Change after = s.Plan();
  CHECK(after.kind == ChangeKind::kNothing);
  CHECK(after.problems.empty());
}

TEST_CASE("redis.server: a hand CONFIG SET is drift: live differs; 1gb is no change",
          "[redis][integration]") {
  Server s;
  s.Apply();
  s.Cli("CONFIG SET maxmemory 1gb");
  s.Cli("CONFIG SET save '300 100 3600 1'");
  CHECK(s.Plan().kind == ChangeKind::kNothing);
  s.Cli("CONFIG SET maxmemory 1g");
  s.Cli("CONFIG SET maxmemory-policy noeviction");
  Change c = s.Plan();
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kLiveChanged);
  CHECK(c.reasons == std::vector<std::string>{
                         "maxmemory is 1000000000 live, but the declared 1GiB is persisted: "
                         "changed by hand, lost when redis-server restarts",
                         "maxmemory-policy is noeviction live, but the declared allkeys-lru is "
                         "persisted: changed by hand, lost when redis-server restarts"});
  s.Apply();
  CHECK(s.Get("maxmemory") == "1073741824");
  CHECK(s.Plan().kind == ChangeKind::kNothing);
}

TEST_CASE("redis.server: a hand edit of kilter's file is drift: persisted differs",
          "[redis][integration]") {
  Server s;
  s.Apply();
  Sh("sed -i 's/^maxmemory-policy allkeys-lru$/maxmemory-policy noeviction/' " + s.File());
  Change c = s.Plan();
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kLiveChanged);
  CHECK(c.reasons == std::vector<std::string>{
                         "maxmemory-policy: the declared allkeys-lru is live but lost when "
                         "redis-server restarts: it becomes noeviction (from " + s.File() + ")",
                         s.File() + " was edited on the host"});
  s.Apply();
  CHECK(s.Plan().kind == ChangeKind::kNothing);
}

TEST_CASE("redis.server: a line of redis.conf after kilter's include is a problem naming it",
          "[redis][integration]") {
  Server s;
  s.Apply();
  std::string conf = s.env.at("REDIS_CONF");
  std::string before = testing::ReadText(conf);
  std::ofstream(conf, std::ios::app) << "maxmemory 2gb\n";
  Change c = s.Plan();
  std::ofstream(conf, std::ios::trunc) << before;
  CHECK(c.kind == ChangeKind::kNothing);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].find("maxmemory persists as 2gb from " + conf +
                           ", a file kilter does not own that is read after kilter's") !=
        std::string::npos);
}

TEST_CASE("redis.server: databases and rename_command are restart pending until a restart",
          "[redis][integration]") {
  Server s;
  s.cache.fields["databases"] = 4;
  s.cache.fields["rename_command"] = {{"FLUSHALL", ""}, {"FLUSHDB", "kilter-flushdb"}};
  s.Apply();
  CHECK(s.Get("databases") == "16");
  Change pending = s.Plan();
  CHECK(pending.kind == ChangeKind::kNothing);
  CHECK(pending.problems ==
        std::vector<std::string>{
            "restart pending: databases is 16 live; the declared 4 is persisted and takes effect "
            "when redis-server restarts",
            "restart pending: rename-command FLUSHALL is flushall live; the declared (disabled) "
            "is persisted and takes effect when redis-server restarts",
            "restart pending: rename-command FLUSHDB is flushdb live; the declared "
            "kilter-flushdb is persisted and takes effect when redis-server restarts"});
  s.Kill();
  s.Start();
  CHECK(s.Get("databases") == "4");
  CHECK(s.Cli("flushall 2>&1").rfind("ERR unknown command", 0) == 0);
  CHECK(s.Cli("kilter-flushdb") == "OK");
  Change quiet = s.Plan();
  CHECK(quiet.kind == ChangeKind::kNothing);
  CHECK(quiet.problems.empty());
}

TEST_CASE("redis.server: a value redis-server refuses fails with its message; nothing kept",
          "[redis][integration]") {
  Server s;
  s.cache.fields["parameters"] = {{"hz", 20}, {"lfu-log-factor", "-5"}};
  CHECK_THROWS_WITH(s.Apply(), Catch::Contains("setting lfu-log-factor failed: ERR CONFIG SET "
                                               "failed") &&
                                   Catch::Contains("the previous live values were restored"));
  CHECK(s.Get("maxmemory") == "0");
  CHECK(s.Get("hz") == "10");
  CHECK_FALSE(fs::exists(s.File()));
}

TEST_CASE("redis.server: an unknown parameter fails the plan naming it and the spec",
          "[redis][integration]") {
  Server s;
  s.cache.fields["parameters"] = {{"hz", 20}, {"maxmemory-polcy", "noeviction"}};
  CHECK_THROWS_WITH(s.Plan(), "web1: redis.server \"cache\" @ web1: parameters: redis-server has "
                              "no parameter maxmemory-polcy (CONFIG GET * does not list it) "
                              "(specs/web.kilt:7:1)");
}

TEST_CASE("redis.server: requirepass is set and persisted, and never leaves the controller",
          "[redis][integration]") {
  Server s;
  s.cache.fields["requirepass"] = kSecret;
  s.cache.sensitive = {"requirepass"};
  Change c = s.Plan();
  s.Apply();
  s.password = kSecret;
  CHECK(s.Get("requirepass") == kSecret);
  Change converged = s.Plan();
  CHECK(converged.kind == ChangeKind::kNothing);
  Redact(c, s.cache.sensitive);
  CHECK(c.live.dump().find("kilter test") == std::string::npos);
  CHECK(converged.live.dump().find("kilter test") == std::string::npos);
  for (const Action& a : c.actions) CHECK(a.detail.find("kilter test") == std::string::npos);

  s.Kill();
  s.Start();
  CHECK(s.Get("requirepass") == kSecret);
  CHECK(s.Plan().kind == ChangeKind::kNothing);
}

}  // namespace kilter::reconciler
