#include "reconciler/plan/merge.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {

namespace {

/// An unsharded plan (or drift report) of four hosts, one change each, with
/// drift suppressed on two hosts and one expired suppression.
Plan Unsharded(const std::string& kind = "plan") {
  Plan plan;
  plan.kind = kind;
  plan.created = "2024-05-01T12:00:00Z";
  for (const char* name : {"web1", "web2", "db1", "lb2"}) {
    plan.catalog.hosts.push_back({name, "127.0.0.1"});
    HostPlan host;
    host.host = name;
    Change c;
    c.type = "file";
    c.name = "motd";
    c.host = name;
    c.kind = ChangeKind::kUpdate;
    c.fields = {{"content", "old", std::string("new on ") + name}};
    c.fingerprint = std::string("sha256:") + name;
    host.changes.push_back(c);
    plan.hosts.push_back(host);
  }
  plan.catalog.suppressions = {{"file \"x\" @ lb2", "lb2 first", "2999-01-01"},
                               {"file \"x\" @ web1", "web1 second", "2999-01-01"},
                               {"file \"y\" @ db1", "gone", "2020-01-01"}};
  // In the order of the suppressions, which is not the hosts' order.
  for (size_t i : {0, 1}) {
    const catalog::Suppression& s = plan.catalog.suppressions[i];
    Change hidden;
    hidden.type = "file";
    hidden.name = "x";
    hidden.host = i == 0 ? "lb2" : "web1";
    hidden.kind = ChangeKind::kCreate;
    plan.suppressed.push_back({hidden, s.reason, s.expires});
  }
  plan.expired_suppressions = {plan.catalog.suppressions[2]};
  return plan;
}

/// What `--shard K/N` would have made of `full`, read at `created`.
ShardReport ShardOfPlan(const Plan& full, Shard shard, const std::string& created) {
  Plan part = full;
  part.shard = shard;
  part.created = created;
  part.hosts.clear();
  part.suppressed.clear();
  for (const HostPlan& h : full.hosts) {
    if (InShard(h.host, shard)) part.hosts.push_back(h);
  }
  for (const SuppressedChange& s : full.suppressed) {
    if (InShard(s.change.host, shard)) part.suppressed.push_back(s);
  }
  return {"shard-" + std::to_string(shard.index) + ".json", part};
}

std::string Problems(const std::vector<ShardReport>& reports) {
  try {
    MergeShards(reports);
  } catch (const MergeError& e) {
    return e.what();
  }
  return "(merged)";
}

}  // namespace

TEST_CASE("Shards of a plan merge into the unsharded plan, host for host", "[merge]") {
  for (const std::string kind : {"plan", "drift"}) {
    Plan full = Unsharded(kind);
    // Given in any order; each shard read at its own time.
    Plan merged = MergeShards({ShardOfPlan(full, {2, 2}, "2024-05-01T12:00:05Z"),
                               ShardOfPlan(full, {1, 2}, "2024-05-01T12:00:00Z")});
    CHECK_FALSE(merged.shard);
    CHECK(merged.created == "2024-05-01T12:00:00Z");
    CHECK(ToJson(merged, false) == ToJson(full, false));
    Plan three = MergeShards({ShardOfPlan(full, {1, 3}, full.created),
                              ShardOfPlan(full, {2, 3}, full.created),
                              ShardOfPlan(full, {3, 3}, full.created)});
    CHECK(ToJson(three, false) == ToJson(full, false));
  }
}

TEST_CASE("A merge of printed (redacted) shards stays redacted", "[merge]") {
  Plan full = Unsharded();
  ShardReport printed = ShardOfPlan(full, {1, 2}, full.created);
  printed.plan.catalog_redacted = true;
  Plan merged = MergeShards({printed, ShardOfPlan(full, {2, 2}, full.created)});
  CHECK(merged.catalog_redacted);
}

TEST_CASE("A missing shard is named", "[merge]") {
  Plan full = Unsharded();
  CHECK(Problems({ShardOfPlan(full, {1, 2}, full.created)}) == "shard 2/2 missing");
  CHECK(Problems({ShardOfPlan(full, {2, 3}, full.created)}) == "shards 1/3, 3/3 missing");
}

TEST_CASE("A shard given twice names the shard, the hosts and both files", "[merge]") {
  Plan full = Unsharded();
  ShardReport again = ShardOfPlan(full, {1, 2}, full.created);
  again.file = "again.json";
  CHECK(Problems({ShardOfPlan(full, {1, 2}, full.created), again,
                  ShardOfPlan(full, {2, 2}, full.created)}) ==
        "hosts web1, db1 are in both shard-1.json and again.json\n"
        "shard 1/2 is in 2 files: shard-1.json, again.json");
}

TEST_CASE("A host in the wrong shard's file is named with its shard", "[merge]") {
  Plan full = Unsharded();
  ShardReport first = ShardOfPlan(full, {1, 2}, full.created);
  first.plan.hosts.push_back(full.hosts[1]);  // web2, which is in 2/2
  CHECK(Problems({first, ShardOfPlan(full, {2, 2}, full.created)}) ==
        "shard-1.json (shard 1/2) holds host web2, which belongs to shard 2/2\n"
        "host web2 is in both shard-1.json and shard-2.json");
}

TEST_CASE("A host a shard lacks is named with the file", "[merge]") {
  Plan full = Unsharded();
  ShardReport second = ShardOfPlan(full, {2, 2}, full.created);
  second.plan.hosts.pop_back();  // lb2
  CHECK(Problems({ShardOfPlan(full, {1, 2}, full.created), second}) ==
        "host lb2 of shard 2/2 is not in shard-2.json");
}

TEST_CASE("Shards of different runs do not merge", "[merge]") {
  Plan full = Unsharded();
  ShardReport drift = ShardOfPlan(Unsharded("drift"), {2, 2}, full.created);
  CHECK(Problems({ShardOfPlan(full, {1, 2}, full.created), drift}) ==
        "shard-1.json is a plan but shard-2.json is a drift report: merge the shards of one run");
  CHECK(Problems({ShardOfPlan(full, {1, 2}, full.created),
                  ShardOfPlan(full, {2, 3}, full.created)}) ==
        "shard-1.json is shard 1/2 but shard-2.json is shard 2/3: the shards of one run share "
        "their count");
  Plan other = full;
  other.catalog.params["env"] = "staging";
  CHECK(Problems({ShardOfPlan(full, {1, 2}, full.created),
                  ShardOfPlan(other, {2, 2}, full.created)}) ==
        "shard-1.json and shard-2.json were made from different specs or inventories: plan "
        "every shard from the same commit");
}

TEST_CASE("A report made without --shard is not merged", "[merge]") {
  Plan full = Unsharded();
  CHECK(Problems({ShardOfPlan(full, {1, 2}, full.created), {"all.json", full}}) ==
        "all.json is not a shard: it was made without --shard");
}

TEST_CASE("The shard survives the JSON document; a version 1 plan has none", "[merge]") {
  Plan part = ShardOfPlan(Unsharded(), {2, 3}, "2024-05-01T12:00:00Z").plan;
  nlohmann::json doc = ToJson(part, false);
  CHECK(doc["version"] == 2);
  CHECK(doc["shard"] == nlohmann::json({{"index", 2}, {"count", 3}}));
  CHECK(PlanFromJson(doc).shard == Shard{2, 3});
  doc["version"] = 1;
  doc.erase("shard");
  CHECK_FALSE(PlanFromJson(doc).shard);
  doc["shard"] = {{"index", 4}, {"count", 3}};
  CHECK_THROWS_WITH(PlanFromJson(doc), Catch::Contains("shard 4/3 is not a share"));
}

TEST_CASE("What metrics read survives JSON and merge: measures, last apply, the longest duration",
          "[merge]") {
  Plan full = Unsharded("drift");
  full.hosts[0].last_apply = "2024-04-30T22:00:00Z";
  full.hosts[2].changes[0].measures = {{"backup_age_seconds", 3600}};
  ShardReport one = ShardOfPlan(full, {1, 2}, full.created);
  ShardReport two = ShardOfPlan(full, {2, 2}, full.created);
  one.plan.duration_seconds = 4.5;
  two.plan.duration_seconds = 7.25;
  one.plan = PlanFromJson(ToJson(one.plan, false));
  two.plan = PlanFromJson(ToJson(two.plan, false));
  Plan merged = MergeShards({one, two});
  CHECK(merged.duration_seconds == 7.25);
  full.duration_seconds = 7.25;
  CHECK(ToJson(merged, false) == ToJson(full, false));
  CHECK(merged.hosts[0].last_apply == "2024-04-30T22:00:00Z");
  CHECK(merged.hosts[2].changes[0].measures.at("backup_age_seconds") == 3600);
}

}  // namespace kilter::reconciler
