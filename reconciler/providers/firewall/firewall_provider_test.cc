#include "reconciler/providers/firewall/firewall_provider.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "reconciler/providers/firewall/commit_confirmed.h"
#include "reconciler/providers/firewall/host_read.h"
#include "reconciler/providers/firewall/test_helpers.h"
#include "support/fake_transport.h"
#include "support/default_settings.h"

namespace kilter::reconciler {

using firewall::test::Fixture;
using nlohmann::json;
using testing::FakeTransport;

namespace {

/// What a host answers to the read's one command: $SSH_CONNECTION and the
/// host's addresses, the list of tables and kilter's table.
struct HostAnswers {
  std::string ssh = "10.77.0.2 51000 10.77.0.1 2222";
  CommandResult tables{0, "", ""};
  CommandResult table{0, "", ""};
  std::string addresses =
      "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever\n"
      "3: veth-k    inet 10.77.0.1/30 scope global veth-k\\       valid_lft "
      "forever\n";
};

/// A host reached over SSH whose table is the sample (the fixtures are real
/// nft output).
HostAnswers Sample(const std::string& table_fixture = "sample.json") {
  HostAnswers a;
  a.tables.out = Fixture("tables.json");
  a.table.out = Fixture(table_fixture);
  return a;
}

/// nft prints each document on one line.
std::string OneLine(const std::string& doc) { return json::parse(doc).dump() + "\n"; }

/// The one nft of the read: both listings, or nft's message about kilter's
/// table and then the tables, or the failure of both.
CommandResult Listed(const HostAnswers& a) {
  if (a.tables.exit_code != 0) return a.tables;
  if (a.table.exit_code == 0) return {0, OneLine(a.tables.out) + OneLine(a.table.out), ""};
  return {0, a.table.out + "\n" + OneLine(a.tables.out), ""};
}

void Serve(FakeTransport& t, const HostAnswers& a) {
  CommandResult listed = Listed(a);
  listed.err = a.ssh + "\n" + (a.ssh.empty() ? "" : a.addresses);
  t.On(" -j -f - 2>&1 || nft -j list tables", listed);
}

/// The firewall's read: its batch holds one command, which runs alone.
bool IsRead(const std::string& command) {
  return command.find(" -j -f - 2>&1 || nft -j list tables") != std::string::npos;
}

struct Fixture_ {
  catalog::Host host{"fw1", "10.77.0.1", "root", 2222, "ssh", "", {}};
  firewall::test::Resources resources;
  std::unique_ptr<Provider> provider = MakeProvider("firewall.rule");
  FakeTransport transport{"fw1"};

  ProviderContext Context(RunOptions options = {}) {
    return {host, kilter::testing::DefaultSettings(provider->name()), resources.All(), options,
            nullptr, "/srv/kilter"};
  }

  /// A context whose apply goes through: the one command that arms and
  /// loads is answered and kept in `load`, and a fresh connection disarms.
  ProviderContext Confirming(Command& load) {
    transport.On("setsid", [&load](const Command& c) {
      load = c;
      return CommandResult{0, "", ""};
    });
    ProviderContext ctx = Context();
    ctx.reconnect = []() -> std::unique_ptr<Transport> {
      auto t = std::make_unique<FakeTransport>("fw1");
      t->On("kill", CommandResult{0, "disarmed\n", ""});
      return t;
    };
    return ctx;
  }
};

}  // namespace

TEST_CASE("firewall provider: registered for its three types", "[firewall]") {
  for (const char* type : {"firewall.chain", "firewall.rule", "firewall.set"}) {
    std::unique_ptr<Provider> p = MakeProvider(type);
    REQUIRE(p);
    CHECK(p->name() == "firewall");
  }
  CHECK(kilter::testing::DefaultSettings("firewall")["table"] == "inet kilter");
}

TEST_CASE(
    "firewall provider: one command reads the host, the sample is "
    "nothing to do",
    "[firewall]") {
  Fixture_ f;
  firewall::test::AddSample(f.resources);
  f.resources.Add("firewall.rule", "ssh-kilter",
                  {{"chain", "input"}, {"proto", "tcp"}, {"dport", 2222}});
  Serve(f.transport, Sample());
  ProviderContext ctx = f.Context();
  LiveState live = f.provider->Read(f.transport, ctx);
  // One command, one nft in it: both listings as JSON commands.
  std::vector<std::string> reads = f.transport.commands();
  REQUIRE(reads.size() == 1);
  CHECK(IsRead(reads[0]));
  CHECK_THAT(reads[0],
             Catch::Contains(R"({"list":{"tables":null}},{"list":{"table":{"family":"inet","name":"kilter"}}})") &&
                 Catch::Contains("ip -o addr show"));
  std::vector<Change> changes = f.provider->Diff(ctx, live);
  REQUIRE(changes.size() == 16);
  std::vector<std::string> acting;
  for (const Change& c : changes) {
    if (c.kind != ChangeKind::kNothing) acting.push_back(c.name);
  }
  REQUIRE(acting == std::vector<std::string>{"ssh-kilter"});
  auto created = std::find_if(changes.begin(), changes.end(),
                              [](const Change& c) { return c.name == "ssh-kilter"; });
  CHECK(created->kind == ChangeKind::kCreate);
  REQUIRE(created->actions.size() == 1);
  CHECK_THAT(created->actions[0].summary, Catch::Contains("left untouched: inet filter"));
}

TEST_CASE(
    "firewall provider: a plan that cuts kilter's SSH is an error unless "
    "allowed",
    "[firewall]") {
  Fixture_ f;
  f.resources.Add("firewall.chain", "input", {{"hook", "input"}, {"policy", "drop"}});
  f.resources.Add("firewall.rule", "web", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 443}});
  Serve(f.transport, Sample());
  ProviderContext ctx = f.Context();
  LiveState live = f.provider->Read(f.transport, ctx);
  CHECK_THROWS_WITH(f.provider->Diff(ctx, live),
                    Catch::Contains("fw1: the new table inet kilter would cut kilter off") &&
                        Catch::Contains("from 10.77.0.2 to 10.77.0.1:2222") &&
                        Catch::Contains("--allow-lockout"));

  RunOptions allow;
  allow.allow_lockout = true;
  std::vector<Change> changes = f.provider->Diff(f.Context(allow), live);
  auto acting = std::find_if(changes.begin(), changes.end(),
                             [](const Change& c) { return !c.warnings.empty(); });
  REQUIRE(acting != changes.end());
  CHECK(acting->destructive);
  CHECK_THAT(acting->warnings[0], Catch::Contains("--allow-lockout given"));
}

TEST_CASE("firewall provider: a local host has no SSH connection to lose", "[firewall]") {
  Fixture_ f;
  f.host.transport = "local";
  f.resources.Add("firewall.chain", "input", {{"hook", "input"}, {"policy", "drop"}});
  HostAnswers local = Sample();
  local.ssh = "";
  Serve(f.transport, local);
  ProviderContext ctx = f.Context();
  CHECK_NOTHROW(f.provider->Diff(ctx, f.provider->Read(f.transport, ctx)));
}

TEST_CASE("firewall provider: a missing table is created, a missing nft is an error",
          "[firewall]") {
  Fixture_ f;
  f.resources.Add("firewall.rule", "ssh", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 2222}});
  HostAnswers missing = Sample();
  missing.ssh = "";
  missing.table = {1, "Error: No such file or directory\nlist table inet kilter\n", ""};
  Serve(f.transport, missing);
  ProviderContext ctx = f.Context();
  std::vector<Change> changes = f.provider->Diff(ctx, f.provider->Read(f.transport, ctx));
  CHECK(changes.size() == 2);  // the rule and its implicit input chain
  for (const Change& c : changes) CHECK(c.kind == ChangeKind::kCreate);

  FakeTransport broken("fw1");
  HostAnswers no_nft;
  no_nft.tables = {127, "sh: 1: nft: not found\n", ""};
  no_nft.table = no_nft.tables;
  Serve(broken, no_nft);
  CHECK_THROWS_WITH(f.provider->Read(broken, ctx),
                    Catch::Contains("fw1: `nft -j list tables` failed (exit 127)"));
}

TEST_CASE("firewall provider: plan checks the transaction with nft -c on the host", "[firewall]") {
  Fixture_ f;
  firewall::test::AddSample(f.resources);
  std::vector<Change> changes(1);
  changes[0].kind = ChangeKind::kCreate;
  changes[0].actions.push_back({"nft", "replace", "table inet kilter {}\n"});
  f.transport.On("nft -c -f -", [](const Command& c) {
    return CommandResult{c.stdin_data == "table inet kilter {}\n" ? 0 : 1, "", ""};
  });
  ProviderContext ctx = f.Context();
  f.provider->Validate(f.transport, ctx, changes);
  CHECK(f.transport.commands() == std::vector<std::string>{"nft -c -f -"});

  FakeTransport refusing("fw1");
  refusing.On("nft -c -f -", CommandResult{1, "", "Error: Interface does not exist\n"});
  CHECK_THROWS_WITH(f.provider->Validate(refusing, ctx, changes),
                    Catch::Contains("`nft -c` on the host rejects") &&
                        Catch::Contains("Interface does not exist"));
}

TEST_CASE(
    "firewall provider: apply saves, arms and loads in one command, then confirms over a "
    "fresh connection",
    "[firewall]") {
  Fixture_ f;
  f.resources.Add("firewall.rule", "ssh", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 22}});
  std::string loaded;
  f.transport.On("setsid", [&](const Command& c) {
    loaded = c.stdin_data;
    return CommandResult{0, "", ""};
  });
  std::vector<std::string> fresh_log;
  ProviderContext ctx = f.Context();
  ctx.reconnect = [&]() -> std::unique_ptr<Transport> {
    auto t = std::make_unique<FakeTransport>("fw1");
    t->On("kill", [&](const Command& c) {
      fresh_log.push_back(c.Display());
      return CommandResult{0, "disarmed\n", ""};
    });
    return t;
  };
  std::vector<Change> changes(1);
  changes[0].kind = ChangeKind::kUpdate;
  f.provider->Apply(f.transport, ctx, changes);

  firewall::ConfirmedApply expect;
  expect.nft = "nft";
  expect.dir = "/srv/kilter/firewall";
  expect.table = "inet kilter";
  CHECK(f.transport.commands() == std::vector<std::string>{firewall::ArmAndLoadCommand(expect)});
  CHECK_THAT(loaded, Catch::StartsWith("table inet kilter {}\ndelete table inet kilter\n") &&
                         Catch::Contains("comment \"kilter:ssh\""));
  CHECK(fresh_log == std::vector<std::string>{firewall::DisarmCommand(expect)});
}

TEST_CASE(
    "firewall provider: after a read, the apply's rollback restores the table read, with no "
    "second listing",
    "[firewall]") {
  Fixture_ f;
  f.resources.Add("firewall.rule", "ssh", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 22}});
  HostAnswers local = Sample();
  local.ssh = "";
  f.host.transport = "local";
  Serve(f.transport, local);
  Command load;
  ProviderContext ctx = f.Confirming(load);
  const std::string& stdin_data = load.stdin_data;
  const std::string& command = load.shell;
  std::vector<Change> changes = f.provider->Diff(ctx, f.provider->Read(f.transport, ctx));
  std::vector<Change> acting;
  for (const Change& c : changes) {
    if (c.kind != ChangeKind::kNothing) acting.push_back(c);
  }
  f.provider->Apply(f.transport, ctx, acting);
  REQUIRE(f.transport.commands().size() == 2);
  CHECK(IsRead(f.transport.commands()[0]));
  CHECK(command.find("list table") == std::string::npos);
  // The restore first, then the transaction; the command takes the restore's bytes.
  const std::string restore = stdin_data.substr(0, stdin_data.find("table inet kilter {}", 1));
  CHECK_THAT(restore, Catch::StartsWith("table inet kilter {}\ndelete table inet kilter\n") &&
                          Catch::Contains("192.0.2.9 timeout 3600s expires 3599s") &&
                          Catch::Contains("comment \"kilter:reject-internal\""));
  CHECK_THAT(command, Catch::Contains(fmt::format("head -c {} > ", restore.size())));
  CHECK_THAT(stdin_data.substr(restore.size()),
             Catch::StartsWith("table inet kilter {}\ndelete table inet kilter\n") &&
                 Catch::Contains("comment \"kilter:ssh\"") &&
                 !Catch::Contains("kilter:reject-internal"));
}

TEST_CASE("firewall provider: a table the model cannot write back is saved on the host",
          "[firewall]") {
  Fixture_ f;
  f.resources.Add("firewall.rule", "ssh", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 22}});
  HostAnswers edited = Sample("edited.json");  // holds a rule made by hand
  edited.ssh = "";
  f.host.transport = "local";
  Serve(f.transport, edited);
  Command load;
  ProviderContext ctx = f.Confirming(load);
  const std::string& stdin_data = load.stdin_data;
  const std::string& command = load.shell;
  f.provider->Read(f.transport, ctx);
  std::vector<Change> changes(1);
  changes[0].kind = ChangeKind::kUpdate;
  f.provider->Apply(f.transport, ctx, changes);
  CHECK_THAT(command, Catch::Contains("nft list table inet kilter </dev/null"));
  CHECK(command.find("head -c") == std::string::npos);
  CHECK_THAT(stdin_data, Catch::StartsWith("table inet kilter {}\ndelete table inet kilter\ntable inet kilter {\n"));
}

TEST_CASE("firewall provider: the one command saves and arms before it loads", "[firewall]") {
  firewall::ConfirmedApply a;
  a.nft = "nft";
  a.dir = "/srv/kilter/firewall";
  a.table = "inet kilter";
  const std::string command = firewall::ArmAndLoadCommand(a);
  size_t save = command.find(
      "{ printf 'table inet kilter {}\\ndelete table inet kilter\\n'; nft list table inet kilter "
      "</dev/null 2>'/srv/kilter/firewall/inet-kilter'.err || grep -q 'No such file or directory' "
      "'/srv/kilter/firewall/inet-kilter'.err; } > '/srv/kilter/firewall/inet-kilter'.saved.nft");
  size_t arm = command.find("setsid sh '/srv/kilter/firewall/inet-kilter'.rollback.sh");
  size_t load = command.find("if ! nft -f -; then kill -TERM");
  REQUIRE(save != std::string::npos);
  REQUIRE(arm != std::string::npos);
  REQUIRE(load != std::string::npos);
  CHECK(save < arm);
  CHECK(arm < load);
  CHECK_THAT(command, Catch::StartsWith("set -e; umask 077; mkdir -p '/srv/kilter/firewall'; "));
  CHECK_THAT(command, Catch::EndsWith(fmt::format("exit {}; fi", firewall::kNftRefused)));
}

TEST_CASE("firewall provider: a dynamic set is read again right before the load", "[firewall]") {
  Fixture_ f;
  firewall::test::AddSample(f.resources);
  Serve(f.transport, Sample());
  Command load;
  ProviderContext ctx = f.Confirming(load);
  std::vector<Change> changes(1);
  changes[0].kind = ChangeKind::kUpdate;
  f.provider->Apply(f.transport, ctx, changes);
  REQUIRE(f.transport.commands().size() == 2);
  CHECK(IsRead(f.transport.commands()[0]));
  CHECK_THAT(load.stdin_data, Catch::Contains("set blocklist") && Catch::Contains("elements = {"));
}

TEST_CASE("firewall provider: the rollback script restores after the timeout", "[firewall]") {
  firewall::ConfirmedApply a;
  a.nft = "ip netns exec kt nft";
  a.dir = "/run/k";
  a.table = "inet kilter";
  a.timeout = std::chrono::milliseconds(1500);
  CHECK(firewall::RollbackScript(a) ==
        "#!/bin/sh\n"
        "# Armed by kilter apply: restores table inet kilter unless kilter disarms it.\n"
        "sleep 1.5\n"
        "ip netns exec kt nft -f '/run/k/inet-kilter'.saved.nft && date > "
        "'/run/k/inet-kilter'.fired\n"
        "rm -f '/run/k/inet-kilter'.pid\n");
}

TEST_CASE("firewall provider: nft refusing the transaction changes nothing", "[firewall]") {
  Fixture_ f;
  f.resources.Add("firewall.rule", "ssh", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 22}});
  f.transport.On("setsid",
                 CommandResult{firewall::kNftRefused, "", "Error: Could not process rule\n"});
  std::vector<Change> changes(1);
  changes[0].kind = ChangeKind::kUpdate;
  ProviderContext ctx = f.Context();
  CHECK_THROWS_WITH(f.provider->Apply(f.transport, ctx, changes),
                    Catch::Contains("fw1: nft refused the transaction") &&
                        Catch::Contains("nothing changed") && Catch::Contains("Could not process"));
  CHECK(f.transport.commands().size() == 1);

  FakeTransport pending("fw1");
  pending.On("setsid", CommandResult{3, "", "a rollback armed earlier is still pending (pid 7)\n"});
  CHECK_THROWS_WITH(f.provider->Apply(pending, ctx, changes),
                    Catch::Contains("fw1: could not arm the firewall rollback, nothing changed") &&
                        Catch::Contains("still pending (pid 7)"));
}

TEST_CASE(
    "firewall provider: a failed fresh connection waits for the rollback "
    "to fire",
    "[firewall]") {
  Fixture_ f;
  firewall::test::AddSample(f.resources);
  Serve(f.transport, Sample());
  f.transport.On("setsid", CommandResult{0, "", ""});
  RunOptions options;
  options.confirm_timeout = std::chrono::milliseconds(10);
  ProviderContext ctx = f.Context(options);
  int attempts = 0;
  std::vector<std::string> later;
  ctx.reconnect = [&]() -> std::unique_ptr<Transport> {
    if (attempts++ == 0) throw TransportError("fw1", "connect timed out");
    auto t = std::make_unique<FakeTransport>("fw1");
    t->On("cat", [&](const Command& c) {
      later.push_back(c.Display());
      return CommandResult{0, "Thu Nov 26\n", ""};
    });
    return t;
  };
  std::vector<Change> changes(1);
  changes[0].kind = ChangeKind::kUpdate;
  CHECK_THROWS_WITH(f.provider->Apply(f.transport, ctx, changes),
                    Catch::Contains("fw1: the change was rolled back") &&
                        Catch::Contains("connect timed out") &&
                        Catch::Contains("host is reachable again"));
  CHECK(later == std::vector<std::string>{"cat '/srv/kilter/firewall/inet-kilter.fired'"});
}

TEST_CASE("firewall provider: settings come from the catalog; --confirm-timeout wins",
          "[firewall]") {
  using firewall::ParseSettings;
  nlohmann::json settings = kilter::testing::DefaultSettings("firewall");
  CHECK(ParseSettings(settings, {}).confirm_timeout == std::chrono::seconds(60));
  settings["confirm_timeout"] = 10000;
  CHECK(ParseSettings(settings, {}).confirm_timeout == std::chrono::seconds(10));
  RunOptions cli;
  cli.confirm_timeout = std::chrono::seconds(20);
  CHECK(ParseSettings(settings, cli).confirm_timeout == std::chrono::seconds(20));
  settings.erase("nft");
  CHECK_THROWS_AS(ParseSettings(settings, {}), ProviderError);
}

}  // namespace kilter::reconciler
