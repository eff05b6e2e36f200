#include "reconciler/providers/redis_server/redis_provider.h"

#include <catch2/catch.hpp>

#include "reconciler/plan/plan.h"
#include "reconciler/plan/redact.h"
#include "reconciler/plan/render.h"
#include "reconciler/providers/redis_server/values.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"
#include "support/golden.h"

namespace kilter::reconciler::redis_server {

namespace {

using nlohmann::json;
using testing::FakeTransport;

const std::string kConf = "/etc/redis/redis.conf";
const std::string kFile = "/etc/redis/kilter-cache.conf";
const std::string kSecret = "s3cret pass";

/// A redis-server behind redis-cli, served to the fake transport: CONFIG GET
/// lists its parameters, CONFIG SET changes them (refusing what Redis
/// refuses), COMMAND INFO the commands it knows.
struct FakeRedis {
  std::map<std::string, std::string> config = {
      {"maxmemory", "0"},        {"maxmemory-policy", "noeviction"},
      {"appendonly", "no"},      {"appendfsync", "everysec"},
      {"save", "3600 1 300 100 60 10000"}, {"timeout", "0"},
      {"tcp-keepalive", "300"},  {"databases", "16"},
      {"requirepass", ""},       {"masterauth", ""},
      {"bind", "127.0.0.1"},     {"protected-mode", "yes"},
      {"hz", "10"}};
  std::vector<std::string> commands = {"get", "set", "flushall", "config"};
  std::vector<std::string> auth_lines;
  std::string check_error;  ///< what the scratch server says when the config check fails
  int restarts = 0;

  /// Whether the password line of stdin lets the client in.
  bool Authorised(const Command& c) {
    std::string line = c.stdin_data.substr(0, c.stdin_data.find('\n'));
    auth_lines.push_back(line);
    return config["requirepass"].empty() || line == config["requirepass"];
  }

  void Serve(FakeTransport& t) {
    t.On("CONFIG GET '*'", [this](const Command& c) {
      if (!Authorised(c)) return CommandResult{1, "NOAUTH Authentication required.\n", ""};
      std::string out;
      for (const auto& [k, v] : config) out += k + "\n" + v + "\n";
      return CommandResult{0, out, ""};
    });
    t.On("COMMAND INFO", [this](const Command& c) {
      std::string names = c.shell.substr(c.shell.find("for c in ") + 9);
      names = names.substr(0, names.find("; do"));
      std::string out;
      for (size_t pos = 0; pos < names.size();) {
        size_t end = std::min(names.find(' ', pos), names.size());
        std::string name = names.substr(pos, end - pos);
        pos = end + 1;
        bool known = std::find(commands.begin(), commands.end(), name) != commands.end();
        out += name + "\t" + (known ? name : "") + "\n";
      }
      return CommandResult{Authorised(c) ? 0 : 1, out, ""};
    });
    t.On("-x CONFIG SET", [this](const Command& c) {
      if (!Authorised(c)) return CommandResult{1, "NOAUTH Authentication required.\n", ""};
      std::string param = c.shell.substr(c.shell.find("CONFIG SET ") + 11);
      std::string value = c.stdin_data.substr(c.stdin_data.find('\n') + 1);
      if (param == "maxmemory-policy" && value == "bogus") {
        return CommandResult{1,
                             "ERR CONFIG SET failed (possibly related to argument "
                             "'maxmemory-policy') - argument(s) must be one of the following: "
                             "volatile-lru, allkeys-lru, noeviction\n",
                             ""};
      }
      if (param == "databases") {
        return CommandResult{1, "ERR CONFIG SET failed - can't set immutable config\n", ""};
      }
      if (param == "maxmemory") value = std::to_string(*MemoryBytes(value));
      config[param] = value;
      return CommandResult{0, "OK\n", ""};
    });
    t.On("--port 0 --tls-port 0", [this](const Command&) {
      return CommandResult{check_error.empty() ? 0 : 1, "", check_error};
    });
    // A restart starts the server with what kilter's file persists.
    t.On("systemctl restart redis-server", [this, &t](const Command&) {
      ++restarts;
      const std::string& file = t.files()[kFile];
      size_t at = file.find("\ndatabases ");
      if (at != std::string::npos) config["databases"] = file.substr(at + 11, file.find('\n', at + 1) - at - 11);
      return CommandResult{0, "", ""};
    });
    t.On(" PING", CommandResult{0, "PONG\n", ""});
  }
};

catalog::Resource Cache(json extra = json::object()) {
  catalog::Resource r;
  r.type = "redis.server";
  r.name = "cache";
  r.host = "web1";
  r.fields = {{"address", "127.0.0.1:6379"}, {"config_file", kConf},
              {"restart", "never"},           {"maxmemory", 1073741824},
              {"maxmemory_policy", "allkeys-lru"}, {"appendonly", false},
              {"save", {"3600 1", "300 100"}}};
  for (const auto& [k, v] : extra.items()) r.fields[k] = v;
  r.source = {"specs/web.kilt", 12, 1};
  return r;
}

struct Fixture {
  catalog::Host host{"web1", "127.0.0.1", "", 22, "local", "", json::object()};
  RedisProvider provider;
  FakeRedis redis;
  catalog::Resource cache = Cache();
  json settings = testing::DefaultSettings("redis.server");
  FakeTransport t{"web1"};

  Fixture() { t.files()[kConf] = "port 6379\nsave 900 1\ninclude " + kFile + "\n"; }

  ProviderContext Context() { return {host, settings, {&cache}, {}, nullptr}; }

  Change Plan() {
    redis.Serve(t);
    ProviderContext ctx = Context();
    std::vector<Change> plan = provider.Diff(ctx, provider.Read(t, ctx));
    REQUIRE(plan.size() == 1);
    return plan[0];
  }

  void Apply(const Change& c) {
    if (c.kind != ChangeKind::kNothing) provider.Apply(t, Context(), {c});
  }
};

std::vector<std::string> Summaries(const Change& c) {
  std::vector<std::string> out;
  for (const Action& a : c.actions) out.push_back(a.summary);
  return out;
}

}  // namespace

TEST_CASE("redis.server: one batch reads CONFIG GET * and the config files", "[redis]") {
  Fixture f;
  f.Plan();
  CHECK(f.t.commands().size() == 1);
}

TEST_CASE("redis.server: a new resource sets live values and writes kilter's file", "[redis]") {
  Fixture f;
  Change c = f.Plan();
  CHECK(c.kind == ChangeKind::kCreate);
  CHECK(c.cause == DriftCause::kMissing);
  CHECK(Summaries(c) == std::vector<std::string>{"CONFIG SET maxmemory 1073741824",
                                                 "CONFIG SET maxmemory-policy allkeys-lru",
                                                 "CONFIG SET save \"3600 1 300 100\"",
                                                 "write " + kFile});
  CHECK(c.reasons.front() == "maxmemory is 0 live, not the declared 1GiB");
  f.Apply(c);
  CHECK(f.redis.config["maxmemory"] == "1073741824");
  CHECK(f.redis.config["save"] == "3600 1 300 100");
  const std::string& file = f.t.files()[kFile];
  CHECK(file.rfind("# Managed by kilter: redis.server \"cache\" @ web1", 0) == 0);
  CHECK(file.find("\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nappendonly no\nsave \"\"\n"
                  "save 3600 1 300 100\n") != std::string::npos);
  Change again = f.Plan();
  CHECK(again.kind == ChangeKind::kNothing);
  CHECK(again.reasons.empty());
  CHECK(again.problems.empty());
}

TEST_CASE("redis.server: 1gb, 1073741824 and reordered save rules never show a change",
          "[redis]") {
  Fixture f;
  f.Apply(f.Plan());
  std::string& file = f.t.files()[kFile];
  file.replace(file.find("maxmemory 1gb"), 13, "maxmemory 1073741824");
  f.redis.config["save"] = "300 100 3600 1";
  Change c = f.Plan();
  // The hand edit breaks the seal (the file is rewritten), but no setting differs.
  CHECK(c.fields.empty());
  f.Apply(c);
  CHECK(f.Plan().kind == ChangeKind::kNothing);
}

TEST_CASE("redis.server: Redis 1g (10^9) is not 1GiB", "[redis]") {
  Fixture f;
  f.Apply(f.Plan());
  f.redis.config["maxmemory"] = "1000000000";
  Change c = f.Plan();
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kLiveChanged);
  CHECK(c.reasons == std::vector<std::string>{
                         "maxmemory is 1000000000 live, but the declared 1GiB is persisted: "
                         "changed by hand, lost when redis-server restarts"});
  CHECK(Summaries(c) == std::vector<std::string>{"CONFIG SET maxmemory 1073741824"});
}

TEST_CASE("redis.server: a hand edit of kilter's file is drift: persisted differs", "[redis]") {
  Fixture f;
  f.Apply(f.Plan());
  std::string& file = f.t.files()[kFile];
  file.replace(file.find("allkeys-lru"), 11, "noeviction");
  Change c = f.Plan();
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kLiveChanged);
  CHECK(c.reasons == std::vector<std::string>{
                         "maxmemory-policy: the declared allkeys-lru is live but lost when "
                         "redis-server restarts: it becomes noeviction (from " + kFile + ")",
                         kFile + " was edited on the host"});
  CHECK(Summaries(c) == std::vector<std::string>{"write " + kFile});
}

TEST_CASE("redis.server: a line after kilter's include is a problem naming its file",
          "[redis]") {
  Fixture f;
  f.Apply(f.Plan());
  f.t.files()[kConf] += "maxmemory 2gb\n";
  Change c = f.Plan();
  CHECK(c.kind == ChangeKind::kNothing);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].find("maxmemory persists as 2gb from " + kConf +
                           ", a file kilter does not own") != std::string::npos);
}

TEST_CASE("redis.server: a config file without kilter's include fails the plan with the line",
          "[redis]") {
  Fixture f;
  f.t.files()[kConf] = "port 6379\n";
  CHECK_THROWS_WITH(f.Plan(), Catch::Contains("web1: redis.server \"cache\" @ web1: " + kConf +
                                              " does not include kilter's file") &&
                                  Catch::Contains("include " + kFile + " (specs/web.kilt:12:1)"));
}

TEST_CASE("redis.server: a glob include that matches kilter's file counts", "[redis]") {
  Fixture f;
  f.t.files()[kConf] = "include /etc/redis/kilter-*.conf\n";
  CHECK(f.Plan().kind == ChangeKind::kCreate);
}

TEST_CASE("redis.server: an unknown parameter fails the plan naming it and the spec", "[redis]") {
  Fixture f;
  f.cache = Cache({{"parameters", {{"hz", 20}, {"no-such-thing", "1"}}}});
  CHECK_THROWS_WITH(f.Plan(), "web1: redis.server \"cache\" @ web1: parameters: redis-server has "
                              "no parameter no-such-thing (CONFIG GET * does not list it) "
                              "(specs/web.kilt:12:1)");
}

TEST_CASE("redis.server: databases is restart pending until the server restarts", "[redis]") {
  Fixture f;
  f.cache = Cache({{"databases", 4}});
  Change first = f.Plan();
  CHECK(std::find(first.reasons.begin(), first.reasons.end(),
                  "databases: when redis-server restarts it becomes redis-server's default "
                  "(nothing persists it), not the declared 4; it takes effect only when "
                  "redis-server restarts, and kilter restarts nothing") != first.reasons.end());
  f.Apply(first);
  Change pending = f.Plan();
  CHECK(pending.kind == ChangeKind::kNothing);
  CHECK(pending.problems == std::vector<std::string>{
                                "restart pending: databases is 16 live; the declared 4 is "
                                "persisted and takes effect when redis-server restarts"});
  f.redis.config["databases"] = "4";
  CHECK(f.Plan().problems.empty());
}

TEST_CASE("redis.server: with restart = \"allowed\", apply restarts after the config check",
          "[redis]") {
  Fixture f;
  f.cache = Cache({{"databases", 4}, {"restart", "allowed"},
                   {"restart_command", "systemctl restart redis-server"}});
  Change first = f.Plan();
  REQUIRE(!first.actions.empty());
  CHECK(first.actions.back().summary ==
        "restart redis-server at 127.0.0.1:6379: `systemctl restart redis-server`, once the "
        "config check passes (redis-server loading " + kConf + " in a scratch server)");
  f.Apply(first);
  CHECK(f.redis.restarts == 1);
  CHECK(f.redis.config["databases"] == "4");
  Change after = f.Plan();
  CHECK(after.kind == ChangeKind::kNothing);
  CHECK(after.problems.empty());
}

TEST_CASE("redis.server: a config check redis-server fails puts the file and live values back",
          "[redis]") {
  Fixture f;
  f.cache = Cache({{"databases", 4}, {"restart", "allowed"},
                   {"restart_command", "systemctl restart redis-server"}});
  Change first = f.Plan();
  f.redis.check_error =
      "*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line "
      "3\n>>> 'bogus-directive yes'\nBad directive or wrong number of arguments\n";
  CHECK_THROWS_WITH(f.Apply(first),
                    Catch::Contains("persisting failed: the config check, redis-server loading " +
                                    kConf + " in a scratch server, failed (exit 1): Reading the "
                                    "configuration file, at line 3; >>> 'bogus-directive yes'; "
                                    "Bad directive or wrong number of arguments; the files were "
                                    "put back; the previous live values were restored"));
  CHECK(f.t.files().count(kFile) == 0);
  CHECK(f.redis.config["maxmemory"] == "0");
  CHECK(f.redis.restarts == 0);
}

TEST_CASE("redis.server: a rename is restart pending until the command answers to its name",
          "[redis]") {
  Fixture f;
  f.cache = Cache({{"rename_command", {{"FLUSHALL", ""}}}});
  f.Apply(f.Plan());
  CHECK(f.t.files()[kFile].find("\nrename-command FLUSHALL \"\"\n") != std::string::npos);
  Change pending = f.Plan();
  REQUIRE(pending.problems.size() == 1);
  CHECK(pending.problems[0].rfind("restart pending: rename-command FLUSHALL", 0) == 0);
  f.redis.commands = {"get", "set", "config"};
  CHECK(f.Plan().problems.empty());
}

TEST_CASE("redis.server: a value Redis refuses fails with its message, live undone, no file",
          "[redis]") {
  Fixture f;
  f.cache = Cache({{"parameters", {{"maxmemory-policy", "x"}}}});
  CHECK_THROWS_WITH(f.Plan(), Catch::Contains("is set with the field maxmemory_policy"));
  f.cache = Cache({{"maxmemory_policy", "bogus"}});
  Change c = f.Plan();
  CHECK_THROWS_WITH(f.Apply(c), Catch::Contains("setting maxmemory-policy failed: ERR CONFIG SET "
                                                "failed (possibly related to argument "
                                                "'maxmemory-policy')") &&
                                    Catch::Contains("the previous live values were restored"));
  CHECK(f.redis.config["maxmemory"] == "0");
  CHECK(f.t.files().count(kFile) == 0);
}

TEST_CASE("redis.server: when the file cannot be written, the live values are put back",
          "[redis]") {
  class FullDisk : public FakeTransport {
   public:
    using FakeTransport::FakeTransport;
    void WriteFile(const std::string& path, const std::string&, const WriteOptions&) override {
      throw TransportError(host(), "cannot write " + path + ": No space left on device");
    }
  };
  Fixture f;
  FullDisk disk("web1");
  disk.files() = f.t.files();
  f.redis.Serve(disk);
  ProviderContext ctx = f.Context();
  std::vector<Change> plan = f.provider.Diff(ctx, f.provider.Read(disk, ctx));
  CHECK_THROWS_WITH(f.provider.Apply(disk, ctx, plan),
                    Catch::Contains("persisting failed") &&
                        Catch::Contains("No space left on device; the previous live values were "
                                        "restored"));
  CHECK(f.redis.config["maxmemory"] == "0");
  CHECK(f.redis.config["maxmemory-policy"] == "noeviction");
}

TEST_CASE("redis.server: requirepass is on no command line, in no output and no live state",
          "[redis]") {
  Fixture f;
  f.cache = Cache({{"requirepass", kSecret}});
  f.cache.sensitive = {"requirepass"};
  Change c = f.Plan();
  f.Apply(c);
  CHECK(f.redis.config["requirepass"] == kSecret);
  CHECK(f.t.files()[kFile].find("\nrequirepass \"s3cret pass\"\n") != std::string::npos);
  for (const std::string& line : f.t.log()) CHECK(line.find("s3cret") == std::string::npos);
  CHECK(f.redis.auth_lines.back() == kSecret);
  Change converged = f.Plan();
  CHECK(converged.kind == ChangeKind::kNothing);

  f.redis.config["requirepass"] = "";
  Change drift = f.Plan();
  CHECK(drift.kind == ChangeKind::kUpdate);
  CHECK(drift.live.dump().find("s3cret") == std::string::npos);
  Redact(drift, f.cache.sensitive);
  Plan plan;
  plan.kind = "drift";
  plan.hosts = {HostPlan{"web1", {c, drift}, {}, {}, {}}};
  for (Change& ch : plan.hosts[0].changes) Redact(ch, f.cache.sensitive);
  CHECK(RenderText(plan, {}).find("s3cret") == std::string::npos);
  CHECK(RenderJson(plan).find("s3cret") == std::string::npos);
}

TEST_CASE("redis.server: drift in three planes, rendered (golden)", "[redis]") {
  Fixture f;
  f.cache = Cache({{"databases", 4}, {"timeout", 300000}});
  f.Apply(f.Plan());
  f.redis.config["maxmemory-policy"] = "noeviction";
  std::string& file = f.t.files()[kFile];
  file.replace(file.find("timeout 300"), 11, "timeout 60");
  f.t.files()[kConf] += "appendonly yes\n";
  Plan plan;
  plan.kind = "drift";
  plan.hosts = {HostPlan{"web1", {f.Plan()}, {}, {}, {}}};
  for (Change& c : plan.hosts[0].changes) c.fingerprint = "sha256:0000";
  testing::CheckPlanGolden("redis-server-drift.txt", RenderText(plan, {}));
}

}  // namespace kilter::reconciler::redis_server
