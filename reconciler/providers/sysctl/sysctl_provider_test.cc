#include "reconciler/providers/sysctl/sysctl_provider.h"

#include <set>

#include <catch2/catch.hpp>

#include "reconciler/plan/plan.h"
#include "reconciler/plan/render.h"
#include "reconciler/providers/sysctl/diff.h"
#include "reconciler/providers/sysctl/settings.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"
#include "support/golden.h"

namespace kilter::reconciler::sysctl {

namespace {

using nlohmann::json;
using testing::FakeTransport;

const std::string kFile = "/etc/sysctl.d/kilter-web.conf";

/// A kernel behind /proc/sys, served to the fake transport: reads list the
/// asked keys, writes change them unless the value is one it refuses.
struct FakeKernel {
  std::map<std::string, std::string> values = {{"net/core/somaxconn", "4096"},
                                               {"net/ipv4/tcp_max_syn_backlog", "512"},
                                               {"net/ipv4/tcp_rmem", "4096\t131072\t6291456"}};
  std::set<std::string> refused = {"abc"};

  static std::string Unquote(std::string word) {
    if (word.size() >= 2 && word.front() == '\'') word = word.substr(1, word.size() - 2);
    return word;
  }

  void Serve(FakeTransport& t) {
    t.On("p=/proc/sys/", [this](const Command& c) {
      std::string out;
      std::string rest = c.shell.substr(c.shell.find("done' sh ") + 9);
      for (size_t pos = 0; pos <= rest.size();) {
        size_t end = std::min(rest.find(' ', pos), rest.size());
        std::string key = rest.substr(pos, end - pos);
        pos = end + 1;
        auto it = values.find(key);
        std::string tabbed = it == values.end() ? "" : it->second;
        for (char& ch : tabbed) ch = ch == '\t' ? ' ' : ch;
        out += key + (it == values.end() ? "\tmissing\t" : "\tok\t" + tabbed) + "\n";
      }
      return CommandResult{0, out, ""};
    });
    t.On("| tee", [this](const Command& c) {
      std::string rest = c.shell.substr(c.shell.find(">/dev/null' sh ") + 15);
      std::string key = rest.substr(0, rest.find(' '));
      std::string value = Unquote(rest.substr(rest.find(' ') + 1));
      if (refused.count(value)) {
        return CommandResult{1, "", "tee: /proc/sys/" + key + ": Invalid argument\n"};
      }
      values[key] = value;
      return CommandResult{0, "", ""};
    });
  }
};

/// A host whose disk is full: every file write fails.
class FullDisk : public FakeTransport {
 public:
  using FakeTransport::FakeTransport;
  void WriteFile(const std::string& path, const std::string&, const WriteOptions&) override {
    throw TransportError(host(), "cannot write " + path + ": No space left on device");
  }
};

catalog::Resource Web(json values = {{"net.core.somaxconn", 8192},
                                     {"net.ipv4.tcp_max_syn_backlog", 8192}}) {
  catalog::Resource r;
  r.type = "sysctl";
  r.name = "web";
  r.host = "web1";
  r.fields = {{"values", values}};
  r.source = {"specs/web.kilt", 3, 1};
  return r;
}

struct Fixture {
  catalog::Host host{"web1", "127.0.0.1", "", 22, "local", "", json::object()};
  SysctlProvider provider;
  FakeKernel kernel;
  catalog::Resource web = Web();
  json settings = testing::DefaultSettings("sysctl");

  ProviderContext Context(std::vector<const catalog::Resource*> desired) {
    return {host, settings, std::move(desired), {}, nullptr};
  }

  std::vector<Change> Plan(FakeTransport& t, std::vector<const catalog::Resource*> desired) {
    kernel.Serve(t);
    ProviderContext ctx = Context(desired);
    return provider.Diff(ctx, provider.Read(t, ctx));
  }

  void Apply(FakeTransport& t, const std::vector<Change>& changes) {
    std::vector<Change> acting;
    for (const Change& c : changes) {
      if (c.kind != ChangeKind::kNothing) acting.push_back(c);
    }
    provider.Apply(t, Context({&web}), acting);
  }
};

std::vector<std::string> Summaries(const Change& c) {
  std::vector<std::string> out;
  for (const Action& a : c.actions) out.push_back(a.summary);
  return out;
}

}  // namespace

TEST_CASE("sysctl: one batch reads /proc/sys and every sysctl.d directory", "[sysctl]") {
  Fixture f;
  FakeTransport t("web1");
  f.Plan(t, {&f.web});
  CHECK(t.commands().size() == 1);
  std::vector<std::string> globs;
  for (const std::string& line : t.log()) {
    if (line.rfind("batch G ", 0) == 0) globs.push_back(line.substr(8));
  }
  CHECK(globs == std::vector<std::string>{"/etc/sysctl.d\t*.conf", "/run/sysctl.d\t*.conf",
                                          "/usr/local/lib/sysctl.d\t*.conf",
                                          "/usr/lib/sysctl.d\t*.conf", "/lib/sysctl.d\t*.conf"});
}

TEST_CASE("sysctl: a new resource sets the live values and writes kilter's file", "[sysctl]") {
  Fixture f;
  FakeTransport t("web1");
  std::vector<Change> plan = f.Plan(t, {&f.web});
  REQUIRE(plan.size() == 1);
  const Change& c = plan[0];
  CHECK(c.kind == ChangeKind::kCreate);
  CHECK(c.cause == DriftCause::kMissing);
  CHECK(Summaries(c) == std::vector<std::string>{
                            "set net.core.somaxconn = 8192 live (/proc/sys)",
                            "set net.ipv4.tcp_max_syn_backlog = 8192 live (/proc/sys)",
                            "write " + kFile});
  CHECK(c.reasons.front() == "net.core.somaxconn is 4096 live, not the declared 8192");
  CHECK(c.reasons.back() == kFile + " does not exist");

  t.ClearLog();
  f.Apply(t, plan);
  std::vector<std::string> writes;
  for (const std::string& line : t.log()) {
    if (line.rfind("write ", 0) == 0 || line.find("tee") != std::string::npos) {
      writes.push_back(line.rfind("write ", 0) == 0 ? line : "tee");
    }
  }
  CHECK(writes == std::vector<std::string>{"tee", "tee", "write " + kFile});
  CHECK(f.kernel.values["net/core/somaxconn"] == "8192");
  CHECK(t.files()[kFile].find("\nnet.core.somaxconn = 8192\nnet.ipv4.tcp_max_syn_backlog = "
                              "8192\n") != std::string::npos);
  CHECK(t.files()[kFile].rfind("# Managed by kilter: sysctl \"web\" @ web1", 0) == 0);

  std::vector<Change> again = f.Plan(t, {&f.web});
  CHECK(again[0].kind == ChangeKind::kNothing);
  CHECK(again[0].reasons.empty());
}

TEST_CASE("sysctl: a hand change of a live value is drift: live differs", "[sysctl]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t, f.Plan(t, {&f.web}));
  f.kernel.values["net/core/somaxconn"] = "128";
  std::vector<Change> plan = f.Plan(t, {&f.web});
  const Change& c = plan[0];
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kLiveChanged);
  CHECK(c.reasons == std::vector<std::string>{
                         "net.core.somaxconn is 128 live, but the declared 8192 is persisted: "
                         "changed by hand, lost at boot"});
  CHECK(Summaries(c) == std::vector<std::string>{"set net.core.somaxconn = 8192 live (/proc/sys)"});
}

TEST_CASE("sysctl: a hand edit of kilter's file is drift: persisted differs", "[sysctl]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t, f.Plan(t, {&f.web}));
  std::string& file = t.files()[kFile];
  file.replace(file.find("somaxconn = 8192"), 16, "somaxconn = 1024");
  std::vector<Change> plan = f.Plan(t, {&f.web});
  const Change& c = plan[0];
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kLiveChanged);
  CHECK(c.reasons == std::vector<std::string>{
                         "net.core.somaxconn: the declared 8192 is live but lost at boot: it "
                         "becomes 1024 (from " + kFile + ")",
                         kFile + " was edited on the host"});
  CHECK(Summaries(c) == std::vector<std::string>{"write " + kFile});
}

TEST_CASE("sysctl: a later file kilter does not own decides the value: a problem naming it",
          "[sysctl]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t, f.Plan(t, {&f.web}));
  t.files()["/etc/sysctl.d/zz-local.conf"] = "net.core.somaxconn = 1024\n";
  t.files()["/etc/sysctl.d/10-early.conf"] = "net.ipv4.tcp_max_syn_backlog = 1\n";
  std::vector<Change> plan = f.Plan(t, {&f.web});
  const Change& c = plan[0];
  CHECK(c.kind == ChangeKind::kNothing);
  CHECK(c.cause == DriftCause::kLiveChanged);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].find("persists as 1024 from /etc/sysctl.d/zz-local.conf, a file kilter "
                           "does not own") != std::string::npos);
}

TEST_CASE("sysctl: multi-value keys compare whatever the whitespace", "[sysctl]") {
  Fixture f;
  f.web = Web({{"net.ipv4.tcp_rmem", "4096  131072 6291456"}});
  FakeTransport t("web1");
  f.Apply(t, f.Plan(t, {&f.web}));
  f.kernel.values["net/ipv4/tcp_rmem"] = "4096\t131072\t6291456";
  CHECK(f.Plan(t, {&f.web})[0].kind == ChangeKind::kNothing);
}

TEST_CASE("sysctl: an unknown key fails the plan naming host, resource, key and spec",
          "[sysctl]") {
  Fixture f;
  f.web = Web({{"net.core.somaxconn", 8192}, {"net.core.no_such_thing", 1}});
  FakeTransport t("web1");
  CHECK_THROWS_WITH(f.Plan(t, {&f.web}),
                    "web1: sysctl \"web\" @ web1: unknown kernel parameter "
                    "net.core.no_such_thing: there is no /proc/sys/net/core/no_such_thing "
                    "(specs/web.kilt:3:1)");
}

TEST_CASE("sysctl: two resources giving one key different values fail the plan", "[sysctl]") {
  Fixture f;
  catalog::Resource other = Web({{"net/core/somaxconn", 1024}});
  other.name = "db";
  other.source = {"specs/db.kilt", 7, 1};
  FakeTransport t("web1");
  CHECK_THROWS_WITH(f.Plan(t, {&f.web, &other}),
                    "web1: sysctl \"db\" @ web1 sets net/core/somaxconn = \"1024\" "
                    "(specs/db.kilt:7:1), but sysctl \"web\" @ web1 sets it to \"8192\" "
                    "(specs/web.kilt:3:1): a host has one value of each kernel parameter; set it "
                    "in one resource");
}

TEST_CASE("sysctl: a value the kernel refuses fails the apply; nothing persisted, live undone",
          "[sysctl]") {
  Fixture f;
  f.web = Web({{"net.core.somaxconn", 8192}, {"net.ipv4.tcp_max_syn_backlog", "abc"}});
  FakeTransport t("web1");
  std::vector<Change> plan = f.Plan(t, {&f.web});
  CHECK_THROWS_WITH(f.Apply(t, plan),
                    "web1: sysctl: setting net.ipv4.tcp_max_syn_backlog failed: "
                    "net.ipv4.tcp_max_syn_backlog = abc: tee: "
                    "/proc/sys/net/ipv4/tcp_max_syn_backlog: Invalid argument; the previous live "
                    "values were restored");
  CHECK(f.kernel.values["net/core/somaxconn"] == "4096");
  CHECK(t.files().count(kFile) == 0);
}

TEST_CASE("sysctl: when persisting fails, the live values are put back", "[sysctl]") {
  Fixture f;
  FullDisk t("web1");
  std::vector<Change> plan = f.Plan(t, {&f.web});
  CHECK_THROWS_WITH(f.Apply(t, plan),
                    Catch::Contains("persisting failed") &&
                        Catch::Contains("No space left on device; the previous live values "
                                        "were restored"));
  CHECK(f.kernel.values["net/core/somaxconn"] == "4096");
  CHECK(f.kernel.values["net/ipv4/tcp_max_syn_backlog"] == "512");
}

TEST_CASE("sysctl: a resource no longer declared has its file removed", "[sysctl]") {
  Fixture f;
  FakeTransport t("web1");
  f.Apply(t, f.Plan(t, {&f.web}));
  std::vector<Change> plan = f.Plan(t, {});
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].kind == ChangeKind::kDelete);
  CHECK(Summaries(plan[0]) == std::vector<std::string>{"remove " + kFile});
  f.provider.Apply(t, f.Context({}), plan);
  CHECK(t.files().count(kFile) == 0);
  CHECK(f.kernel.values["net/core/somaxconn"] == "8192");
}

TEST_CASE("sysctl: the command prefix runs every /proc/sys read and write", "[sysctl]") {
  Fixture f;
  f.settings["command_prefix"] = "ip netns exec ks1";
  FakeTransport t("web1");
  f.Apply(t, f.Plan(t, {&f.web}));
  for (const std::string& line : t.log()) {
    if (line.find("/proc/sys") == std::string::npos || line.rfind("batch G", 0) == 0) continue;
    INFO(line);
    CHECK(line.find("ip netns exec ks1 sh -c") != std::string::npos);
  }
}

TEST_CASE("sysctl: drift in three planes, rendered (golden)", "[sysctl]") {
  Fixture f;
  f.web = Web({{"net.core.somaxconn", 8192},
               {"net.ipv4.tcp_max_syn_backlog", 8192},
               {"net.ipv4.tcp_rmem", "4096 131072 6291456"}});
  FakeTransport t("web1");
  f.Apply(t, f.Plan(t, {&f.web}));
  f.kernel.values["net/core/somaxconn"] = "128";
  std::string& file = t.files()[kFile];
  file.replace(file.find("tcp_max_syn_backlog = 8192"), 26, "tcp_max_syn_backlog = 1024");
  t.files()["/etc/sysctl.d/zz-local.conf"] = "net.ipv4.tcp_rmem = 4096 87380 4194304\n";
  Plan plan;
  plan.kind = "drift";
  plan.hosts = {HostPlan{"web1", f.Plan(t, {&f.web}), {}, {}, {}}};
  for (Change& c : plan.hosts[0].changes) c.fingerprint = "sha256:0000";
  testing::CheckPlanGolden("sysctl-drift.txt", RenderText(plan, {}));
}

}  // namespace kilter::reconciler::sysctl
