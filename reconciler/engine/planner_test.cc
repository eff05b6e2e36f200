#include "reconciler/engine/planner.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <set>
#include <mutex>
#include <thread>

#include "reconciler/plan/fingerprint.h"
#include "support/fake_host.h"
#include "support/test_provider.h"

namespace kilter::reconciler {

namespace {

using testing::CommandLabels;
using testing::FakeTransport;

struct Estate {
  testing::TestWorld world;
  FakeTransport web1{"web1"}, web2{"web2"};
  catalog::Catalog catalog;
  PlanOptions options;
  NullProgress progress;

  Estate() {
    testing::ServeTestHost(web1);
    testing::ServeTestHost(web2);
    catalog.hosts = {testing::TestHost("web1"), testing::TestHost("web2")};
    options.registry = testing::TestRegistry(world);
  }

  Plan Make(std::map<std::string, FakeTransport*> reachable = {}) {
    if (reachable.empty()) reachable = {{"web1", &web1}, {"web2", &web2}};
    return MakePlan(catalog, options, testing::FakeConnector(reachable), progress);
  }
};

const HostPlan& HostOf(const Plan& plan, const std::string& name) {
  for (const HostPlan& h : plan.hosts) {
    if (h.host == name) return h;
  }
  throw std::runtime_error("no host " + name);
}

}  // namespace

TEST_CASE("planner: each host is read once per provider, plus the engine state", "[planner]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1"), testing::Thing("b", "web1", "2"),
                         testing::Thing("c", "web2", "3")};
  e.world.live["web1"]["a"] = "1";
  Plan plan = e.Make();
  CHECK(CommandLabels(e.web1) ==
        std::vector<std::string>{"read-files", "test-read", "check-handlers"});
  CHECK(CommandLabels(e.web2) ==
        std::vector<std::string>{"read-files", "test-read", "check-handlers"});
  const HostPlan& web1 = HostOf(plan, "web1");
  REQUIRE(web1.changes.size() == 2);
  CHECK(web1.changes[0].kind == ChangeKind::kNothing);
  CHECK(web1.changes[1].kind == ChangeKind::kCreate);
  CHECK(web1.changes[1].Address() == "test.thing \"b\" @ web1");
  REQUIRE(web1.handlers.size() == 1);
  CHECK(web1.handlers[0].command == "systemctl reload test");
  CHECK(web1.handlers[0].notified_by == std::vector<std::string>{"test.thing \"b\" @ web1"});
  CHECK(Summarize(plan).Line("Plan") ==
        "Plan: 2 to create, 0 to update, 0 to replace, 0 to delete. 2 handlers to run.");
  CHECK(ExitCode(plan) == 2);
}

TEST_CASE("planner: a handler that cannot run on its host is a plan error", "[planner]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1"), testing::Thing("c", "web2", "3")};
  e.web1.On("command -v", CommandResult{0, "nosystemd 0 process_api\n", ""});
  Plan plan = e.Make();
  const HostPlan& web1 = HostOf(plan, "web1");
  REQUIRE(web1.errors.size() == 1);
  CHECK(web1.errors[0].starts_with("web1: handler reload cannot run: `systemctl reload test` "
                                   "needs systemd, and systemd is not running on web1 (PID 1 is "
                                   "process_api)."));
  CHECK(HostOf(plan, "web2").errors.empty());
  CHECK(ExitCode(plan) == 1);
  // A host whose plan runs no handler is not asked.
  e.world.live["web2"]["c"] = "3";
  e.web2.ClearLog();
  e.Make();
  CHECK(CommandLabels(e.web2) == std::vector<std::string>{"read-files", "test-read"});
}

/// Keeps every host's last status.
class RecordingProgress : public Progress {
 public:
  void Update(const std::string& host, const std::string& status) override {
    last[host] = status;
  }
  std::map<std::string, std::string> last;
};

TEST_CASE("planner: a drift run's progress says what drifted, not what it plans", "[planner]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1"), testing::Thing("b", "web1", "2"),
                         testing::Thing("c", "web2", "3")};
  e.world.live["web1"]["a"] = "1";
  e.world.live["web2"]["c"] = "3";
  RecordingProgress progress;
  e.options.kind = "drift";
  Plan plan = MakePlan(e.catalog, e.options,
                       testing::FakeConnector({{"web1", &e.web1}, {"web2", &e.web2}}), progress);
  CHECK(plan.kind == "drift");
  CHECK(progress.last["web1"] ==
        "drifted: 1 missing, 0 differing, 0 no longer declared. 1 handler pending.");
  CHECK(progress.last["web2"] == "no drift");
  e.options.kind = "plan";
  MakePlan(e.catalog, e.options, testing::FakeConnector({{"web1", &e.web1}, {"web2", &e.web2}}),
           progress);
  CHECK(progress.last["web1"] ==
        "planned: 1 to create, 0 to update, 0 to replace, 0 to delete. 1 handler to run.");
  CHECK(progress.last["web2"] == "no changes");
}

TEST_CASE("planner: a provider gets the catalog host's settings; the engine's state_dir is in "
          "the context",
          "[planner]") {
  Estate e;
  e.catalog.hosts[0].providers["test"] = {{"reload", "service test reload"}};
  e.catalog.hosts[0].providers["kilter"]["state_dir"] = "/srv/kilter/";
  e.catalog.resources = {testing::Thing("a", "web1", "1")};
  HostReading reading = ReadHost(e.web1, e.catalog, e.catalog.hosts[0], e.options,
                                 testing::FakeConnector({}), true);
  REQUIRE(reading.errors.empty());
  REQUIRE(reading.providers.size() == 1);
  CHECK(reading.providers[0].context->settings ==
        nlohmann::json{{"reload", "service test reload"}});
  CHECK(reading.providers[0].context->state_dir == "/srv/kilter");
  HostPlan plan = ToHostPlan(reading, e.catalog);
  CHECK(plan.handlers[0].command == "service test reload");
}

TEST_CASE("planner: an unreachable host is an error naming it and its resources; the others "
          "are planned",
          "[planner]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1"), testing::Thing("b", "web2", "2")};
  Plan plan = e.Make({{"web1", &e.web1}});
  CHECK(HostOf(plan, "web1").changes.size() == 1);
  const HostPlan& web2 = HostOf(plan, "web2");
  REQUIRE(web2.errors.size() == 1);
  CHECK(web2.errors[0] ==
        "web2: cannot connect: connection refused\n  (not read: test.thing \"b\")");
  CHECK(ExitCode(plan) == 1);
}

TEST_CASE("planner: a failing read names host and provider; a type without provider names the "
          "resource",
          "[planner]") {
  Estate e;
  catalog::Resource odd = testing::Thing("x", "web1", "1");
  odd.type = "odd.thing";
  e.catalog.resources = {odd, testing::Thing("a", "web1", "1")};
  e.web1.On("test-read", CommandResult{1, "", "permission denied"});
  Plan plan = e.Make();
  const HostPlan& web1 = HostOf(plan, "web1");
  REQUIRE(web1.errors.size() == 2);
  CHECK(web1.errors[0] == "web1: odd.thing \"x\" @ web1: no provider handles type \"odd.thing\"");
  CHECK(web1.errors[1] == "web1: test: test-read failed: permission denied");
}

TEST_CASE("planner: a provider recorded in the host's index is read even with nothing declared",
          "[planner]") {
  Estate e;
  e.web1.files()["/var/lib/kilter/providers"] = "test\n";
  e.world.live["web1"]["gone"] = "1";
  Plan plan = e.Make();
  const HostPlan& web1 = HostOf(plan, "web1");
  REQUIRE(web1.changes.size() == 1);
  CHECK(web1.changes[0].kind == ChangeKind::kDelete);
  CHECK(web1.changes[0].Address() == "test.thing \"gone\" @ web1");
  CHECK(web1.changes[0].fingerprint == LiveFingerprint({{"value", "1"}}));
  CHECK(CommandLabels(e.web2) == std::vector<std::string>{"read-files"});
}

TEST_CASE("planner: a provider in the host's index that cannot read says why kilter looks, what "
          "it expects, and how to take it out of the index",
          "[planner]") {
  Estate e;
  e.web1.files()["/var/lib/kilter/providers"] = "test\n";
  e.web1.On("test-read", CommandResult{1, "", "cannot reach the server"});
  CHECK(HostOf(e.Make(), "web1").errors ==
        std::vector<std::string>{
            "web1: test: test-read failed: cannot reach the server\n"
            "  the provider index of web1 (/var/lib/kilter/providers) lists test: it applied "
            "something there, and no spec declares it there any more, so kilter looks for the "
            "objects it still owns there to delete them.\n"
            "  If that service is gone for good, take test out of the index: "
            "kilter forget web1 test"});

  e.catalog.resources = {testing::Thing("a", "web1", "1"), testing::Thing("b", "web1", "2")};
  CHECK(HostOf(e.Make(), "web1").errors ==
        std::vector<std::string>{
            "web1: test: test-read failed: cannot reach the server\n"
            "  the provider index of web1 (/var/lib/kilter/providers) lists test: it applied "
            "something there, and kilter expects to find test.thing \"a\", test.thing \"b\" "
            "there.\n"
            "  If that service is gone for good, remove them from the specs, then take test out "
            "of the index: kilter forget web1 test"});

  // Not in the index: a declared provider's failure is only the failure.
  e.web1.files().erase("/var/lib/kilter/providers");
  CHECK(HostOf(e.Make(), "web1").errors ==
        std::vector<std::string>{"web1: test: test-read failed: cannot reach the server"});
}

TEST_CASE("planner: handlers left pending by a dead run are planned with nothing else to do",
          "[planner]") {
  Estate e;
  e.web1.files()["/var/lib/kilter/pending-handlers"] =
      R"({"version":1,"handlers":[{"id":"reload","command":"old reload","provider":"test",
          "since":"2024-05-01T00:00:00Z","run_id":"abc"}]})";
  Plan plan = e.Make();
  const HostPlan& web1 = HostOf(plan, "web1");
  REQUIRE(web1.handlers.size() == 1);
  CHECK(web1.handlers[0].pending_since == "2024-05-01T00:00:00Z");
  CHECK(web1.handlers[0].command == "old reload");
  CHECK(ExitCode(plan) == 2);
}

TEST_CASE("planner: sensitive fields are redacted in the plan", "[planner]") {
  Estate e;
  catalog::Resource r = testing::Thing("a", "web1", "hunter2");
  r.sensitive = {"value"};
  e.catalog.resources = {r};
  e.world.live["web1"]["a"] = "old-secret";
  Plan plan = e.Make();
  const Change& c = HostOf(plan, "web1").changes[0];
  CHECK(c.fields[0].before == "(sensitive)");
  CHECK(c.fields[0].after == "(sensitive)");
  CHECK(c.actions[0].summary == "set a to (sensitive)");
  CHECK(c.actions[0].detail == "(hidden: contains a sensitive value)");
  std::string json = ToJson(plan, true).dump();
  CHECK(json.find("hunter2") == std::string::npos);
  CHECK(json.find("old-secret") == std::string::npos);
}

TEST_CASE("planner: a saved plan holds a secret's reference and fingerprint, not its value",
          "[planner]") {
  Estate e;
  catalog::Resource r = testing::Thing("a", "web1", "hunter2");  // as read on the controller
  r.sensitive = {"value"};
  r.secrets["value"] = {{{"env", "THING_VALUE"}}, "hmac-sha256:0123:abcd"};
  e.catalog.resources = {r};
  e.world.live["web1"]["a"] = "hunter2";
  e.options.fingerprint_key = "a key of sixteen bytes or more";
  Plan plan = e.Make();
  const Change& c = HostOf(plan, "web1").changes[0];
  CHECK(c.kind == ChangeKind::kNothing);  // the provider compared the value read
  // The live object holds the secret: its fingerprint is keyed, not a plain digest.
  CHECK(c.fingerprint.starts_with("hmac-sha256:"));
  e.options.fingerprint_key.clear();
  CHECK(HostOf(e.Make(), "web1").changes[0].fingerprint.starts_with("sha256:"));

  std::string saved = ToJson(plan, false).dump();
  CHECK(saved.find("hunter2") == std::string::npos);
  Plan back = PlanFromJson(nlohmann::json::parse(saved));
  const catalog::Resource& loaded = back.catalog.resources[0];
  CHECK(loaded.fields["value"].is_null());
  REQUIRE(loaded.secrets.count("value") == 1);
  CHECK(loaded.secrets.at("value").parts[0].source == "env");
  CHECK(loaded.secrets.at("value").parts[0].value == "THING_VALUE");
  CHECK(loaded.secrets.at("value").fingerprint == "hmac-sha256:0123:abcd");
}

TEST_CASE("planner: --host restricts the plan and rejects unknown hosts", "[planner]") {
  Estate e;
  e.options.hosts = {"web2"};
  Plan plan = e.Make();
  REQUIRE(plan.hosts.size() == 1);
  CHECK(plan.hosts[0].host == "web2");
  CHECK(e.web1.log().empty());
  e.options.hosts = {"web9"};
  CHECK_THROWS_WITH(e.Make(), "--host web9: no such host in the inventory");
}

TEST_CASE("planner: --shard plans its share of the hosts and records it; no other host is read",
          "[planner]") {
  Estate e;
  e.options.shard = Shard{2, 2};  // web2; web1 is in 1/2
  Plan plan = e.Make();
  REQUIRE(plan.hosts.size() == 1);
  CHECK(plan.hosts[0].host == "web2");
  CHECK(plan.shard == Shard{2, 2});
  CHECK(e.web1.log().empty());
  CHECK_FALSE(e.web2.log().empty());
}

TEST_CASE("planner: only_types reads those types alone, and only hosts holding one",
          "[planner]") {
  Estate e;
  catalog::Resource other = testing::Thing("x", "web1", "1");
  other.type = "other.type";  // no provider handles it: an error in a full plan
  e.catalog.resources = {testing::Thing("a", "web1", "1"), other,
                         testing::Thing("b", "web1", "2")};
  e.web1.files()["/var/lib/kilter/providers"] = "test\nghost\n";
  e.web2.files()["/var/lib/kilter/providers"] = "test\n";
  e.world.live["web1"]["a"] = "1";
  e.options.only_types = {"test.thing"};
  CHECK(HoldsOnlyTypes(e.catalog, "web1", e.options));
  CHECK_FALSE(HoldsOnlyTypes(e.catalog, "web2", e.options));
  Plan plan = e.Make();
  REQUIRE(plan.hosts.size() == 1);
  const HostPlan& web1 = HostOf(plan, "web1");
  CHECK(web1.errors.empty());
  REQUIRE(web1.changes.size() == 2);
  CHECK(web1.changes[0].Address() == "test.thing \"a\" @ web1");
  CHECK(web1.changes[1].Address() == "test.thing \"b\" @ web1");
  CHECK(e.web2.log().empty());

  e.options.only_types.clear();
  Plan full = e.Make();
  CHECK(HostOf(full, "web1").errors.size() == 2);  // other.type, and the index's "ghost"
  CHECK_FALSE(e.web2.log().empty());
}

TEST_CASE("planner: the plan survives a JSON round trip", "[planner]") {
  Estate e;
  e.catalog.resources = {testing::Thing("a", "web1", "1")};
  e.world.live["web1"]["a"] = "0";
  Plan plan = e.Make();
  Plan back = PlanFromJson(nlohmann::json::parse(ToJson(plan, false).dump()));
  CHECK(ToJson(back, false) == ToJson(plan, false));
  CHECK(back.catalog.resources.size() == 1);
  FieldChange shown("size", 1024, 2048);
  shown.before_display = "1KiB";
  shown.after_display = "2KiB";
  shown.from_default = true;
  Change with_display = plan.hosts[0].changes[0];
  with_display.fields = {shown};
  Change read = ChangeFromJson(ToJson(with_display));
  REQUIRE(read.fields.size() == 1);
  CHECK(read.fields[0].before_display == "1KiB");
  CHECK(read.fields[0].after_display == "2KiB");
  CHECK(read.fields[0].from_default);
  CHECK_THROWS_WITH(PlanFromJson({{"format", "kilter-plan"}, {"version", 99}}),
                    Catch::Contains("plan version 99 is not supported"));
}

namespace {

/// A provider of type "NAME.thing" that reads by running `NAME-read` (a
/// failure is a ProviderError) and finds every declared resource as declared.
class ReaderProvider : public Provider {
 public:
  explicit ReaderProvider(std::string name) : name_(std::move(name)) {}
  std::string name() const override { return name_; }
  std::vector<std::string> types() const override { return {name_ + ".thing"}; }
  LiveState Read(Transport& transport, const ProviderContext&) override {
    Command read;
    read.argv = {name_ + "-read"};
    if (!transport.Run(read).ok()) throw ProviderError(name_ + "-read failed");
    return {};
  }
  std::vector<Change> Diff(const ProviderContext& context, const LiveState&) override {
    std::vector<Change> changes;
    for (const catalog::Resource* r : context.desired) changes.push_back(Change::Of(*r));
    return changes;
  }
  void Apply(Transport&, const ProviderContext&, const std::vector<Change>&) override {}

 private:
  std::string name_;
};

/// Forwards to a fake, one call at a time, and holds every provider read
/// (`NAME-read`) until another one is in flight too, or `patience` passed;
/// counts the most reads in flight.
class MeetingTransport : public Transport {
 public:
  MeetingTransport(testing::FakeTransport& fake, bool concurrent,
                   std::chrono::milliseconds patience)
      : fake_(fake), concurrent_(concurrent), patience_(patience) {}

  const std::string& host() const override { return fake_.host(); }
  bool concurrent() const override { return concurrent_; }
  CommandResult Run(const Command& command) override {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!command.Display().ends_with("-read")) return fake_.Run(command);
    most_ = std::max(most_, ++in_flight_);
    met_.notify_all();
    met_.wait_for(lock, patience_, [&] { return most_ >= 2; });
    // alpha answers last, so an engine that kept errors in the order reads
    // finished in would put beta's first.
    if (command.Display() == "alpha-read") {
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      lock.lock();
    }
    CommandResult result = fake_.Run(command);
    --in_flight_;
    return result;
  }
  std::optional<std::string> ReadFile(const std::string& path) override {
    return fake_.ReadFile(path);
  }
  void WriteFile(const std::string& path, const std::string& content,
                 const WriteOptions& options) override {
    fake_.WriteFile(path, content, options);
  }
  std::optional<FileStat> Stat(const std::string& path) override { return fake_.Stat(path); }
  void Remove(const std::string& path) override { fake_.Remove(path); }

  int most() const { return most_; }

 private:
  testing::FakeTransport& fake_;
  bool concurrent_;
  std::chrono::milliseconds patience_;
  std::mutex mutex_;
  std::condition_variable met_;
  int in_flight_ = 0;
  int most_ = 0;
};

struct TwoReaders {
  testing::FakeTransport fake{"web1"};
  catalog::Catalog catalog;
  PlanOptions options;

  TwoReaders() {
    testing::ServeEngineScripts(fake);
    fake.On("alpha-read", CommandResult{1, "", ""});
    fake.On("beta-read", CommandResult{1, "", ""});
    catalog.hosts = {testing::TestHost("web1")};
    for (const char* type : {"alpha.thing", "beta.thing"}) {
      catalog::Resource r;
      r.type = type;
      r.name = "one";
      r.host = "web1";
      catalog.resources.push_back(r);
    }
    options.registry.make = [](const std::string& type) -> std::unique_ptr<Provider> {
      if (type == "alpha.thing" || type == "beta.thing") {
        return std::make_unique<ReaderProvider>(type.substr(0, type.find('.')));
      }
      return nullptr;
    };
    options.registry.types = [] { return std::vector<std::string>{"alpha.thing", "beta.thing"}; };
  }

  HostReading Read(Transport& transport) {
    return ReadHost(transport, catalog, catalog.hosts[0], options,
                    testing::FakeConnector({{"web1", &fake}}), true);
  }
};

}  // namespace

TEST_CASE("planner: the providers of a host read at the same time over a concurrent transport",
          "[planner]") {
  TwoReaders r;
  MeetingTransport transport(r.fake, true, std::chrono::seconds(5));
  Timings timings;
  r.options.timings = &timings;
  HostReading reading = r.Read(transport);
  CHECK(transport.most() == 2);
  // Errors come in the providers' order, whichever read finished first.
  REQUIRE(reading.errors.size() == 2);
  CHECK(reading.errors[0] == "web1: alpha: alpha-read failed");
  CHECK(reading.errors[1] == "web1: beta: beta-read failed");
  std::set<std::string> read;
  for (const PhaseTime& p : timings.phases()) {
    if (p.phase == Phase::kRead) read.insert(p.provider);
  }
  CHECK(read == std::set<std::string>{kEngineRow, "alpha", "beta"});

  r.fake.On("alpha-read", CommandResult{0, "", ""});
  r.fake.On("beta-read", CommandResult{0, "", ""});
  MeetingTransport again(r.fake, true, std::chrono::seconds(5));
  reading = r.Read(again);
  CHECK(again.most() == 2);
  CHECK(reading.errors.empty());
  REQUIRE(reading.providers.size() == 2);
  CHECK(reading.providers[0].changes.size() == 1);
  CHECK(reading.providers[1].changes.size() == 1);
}

TEST_CASE("planner: over a transport that is not concurrent, providers read one at a time",
          "[planner]") {
  TwoReaders r;
  MeetingTransport transport(r.fake, false, std::chrono::milliseconds(50));
  HostReading reading = r.Read(transport);
  CHECK(transport.most() == 1);
  REQUIRE(reading.errors.size() == 2);
  CHECK(reading.errors[0] == "web1: alpha: alpha-read failed");
  CHECK(CommandLabels(r.fake) ==
        std::vector<std::string>{"read-files", "alpha-read", "beta-read"});
}

}  // namespace kilter::reconciler

namespace kilter::reconciler {
namespace {

/// A connector that holds each connection until `expect` are open at once
/// (or `patience` passes), and records the most it saw open.
class MeetingConnector {
 public:
  MeetingConnector(Connector inner, int expect, std::chrono::milliseconds patience)
      : inner_(std::move(inner)), expect_(expect), patience_(patience) {}

  Connector connector() {
    return [this](const catalog::Host& host) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        most_ = std::max(most_, ++open_);
        if (open_ >= expect_) all_met_ = true;
        met_.notify_all();
        met_.wait_for(lock, patience_, [this] { return all_met_; });
        --open_;
      }
      return inner_(host);
    };
  }
  int most() const { return most_; }

 private:
  Connector inner_;
  int expect_;
  std::chrono::milliseconds patience_;
  std::mutex mutex_;
  std::condition_variable met_;
  int open_ = 0;
  int most_ = 0;
  bool all_met_ = false;
};

struct ManyHosts {
  static constexpr int kHosts = 12;
  testing::TestWorld world;
  std::vector<std::unique_ptr<FakeTransport>> fakes;
  std::map<std::string, FakeTransport*> reachable;
  catalog::Catalog catalog;
  PlanOptions options;
  NullProgress progress;

  ManyHosts() {
    for (int i = 0; i < kHosts; ++i) {
      std::string name = "web" + std::to_string(i);
      fakes.push_back(std::make_unique<FakeTransport>(name));
      testing::ServeTestHost(*fakes.back());
      reachable[name] = fakes.back().get();
      catalog.hosts.push_back(testing::TestHost(name));
    }
    options.registry = testing::TestRegistry(world);
  }
};

}  // namespace

TEST_CASE("planner: by default a plan reads a dozen hosts at the same time", "[planner]") {
  ManyHosts m;
  MeetingConnector meeting(testing::FakeConnector(m.reachable), ManyHosts::kHosts,
                           std::chrono::seconds(10));
  Plan plan = MakePlan(m.catalog, m.options, meeting.connector(), m.progress);
  CHECK(meeting.most() == ManyHosts::kHosts);
  REQUIRE(plan.hosts.size() == ManyHosts::kHosts);
  for (const HostPlan& h : plan.hosts) CHECK(h.errors.empty());
}

TEST_CASE("planner: --parallel bounds the hosts read at the same time", "[planner]") {
  ManyHosts m;
  m.options.parallel = 3;
  MeetingConnector meeting(testing::FakeConnector(m.reachable), ManyHosts::kHosts,
                           std::chrono::milliseconds(200));
  Plan plan = MakePlan(m.catalog, m.options, meeting.connector(), m.progress);
  CHECK(meeting.most() == 3);
  CHECK(plan.hosts.size() == ManyHosts::kHosts);
}

}  // namespace kilter::reconciler
