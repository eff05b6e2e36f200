#include "reconciler/apply/order.h"

#include <catch2/catch.hpp>

#include "support/test_provider.h"

namespace kilter::reconciler {

namespace {

Change Of(const catalog::Resource& r, ChangeKind kind = ChangeKind::kUpdate) {
  Change c;
  c.type = r.type;
  c.name = r.name;
  c.host = r.host;
  c.kind = kind;
  return c;
}

std::vector<std::string> Names(const std::vector<Batch>& batches) {
  std::vector<std::string> out;
  for (const Batch& b : batches) {
    std::string line = std::to_string(b.provider) + ":";
    for (const Change& c : b.changes) line += " " + c.name;
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("order: spec order without edges, one batch per provider run", "[order]") {
  catalog::Catalog cat;
  cat.resources = {testing::Thing("a", "h", "1"), testing::Thing("b", "h", "1"),
                   testing::Thing("c", "h", "1")};
  std::vector<std::vector<Change>> changes = {{Of(cat.resources[0]), Of(cat.resources[2])},
                                              {Of(cat.resources[1])}};
  // Provider 0 owns a and c: they go together, b follows.
  CHECK(Names(OrderBatches(changes, cat, "h")) == std::vector<std::string>{"0: a c", "1: b"});
}

TEST_CASE("order: after edges win over spec order, also through unchanged resources",
          "[order]") {
  catalog::Catalog cat;
  cat.resources = {testing::Thing("app", "h", "1", {"test.thing \"conf\" @ h"}),
                   testing::Thing("conf", "h", "1", {"test.thing \"dir\" @ h"}),
                   testing::Thing("dir", "h", "1")};
  // conf has no change; app must still follow dir.
  std::vector<std::vector<Change>> changes = {
      {Of(cat.resources[0]), Of(cat.resources[1], ChangeKind::kNothing)},
      {Of(cat.resources[2])}};
  CHECK(Names(OrderBatches(changes, cat, "h")) == std::vector<std::string>{"1: dir", "0: app"});
}

TEST_CASE("order: edges split a provider's batch where they must", "[order]") {
  catalog::Catalog cat;
  cat.resources = {testing::Thing("a", "h", "1"),
                   testing::Thing("b", "h", "1", {"test.thing \"a\" @ h"}),
                   testing::Thing("c", "h", "1", {"test.thing \"b\" @ h"})};
  std::vector<std::vector<Change>> changes = {{Of(cat.resources[0]), Of(cat.resources[2])},
                                              {Of(cat.resources[1])}};
  CHECK(Names(OrderBatches(changes, cat, "h")) ==
        std::vector<std::string>{"0: a", "1: b", "0: c"});
}

TEST_CASE("order: deletes of undeclared objects come last", "[order]") {
  catalog::Catalog cat;
  cat.resources = {testing::Thing("a", "h", "1")};
  Change gone = Of(testing::Thing("gone", "h", "1"), ChangeKind::kDelete);
  std::vector<std::vector<Change>> changes = {{gone, Of(cat.resources[0])}};
  CHECK(Names(OrderBatches(changes, cat, "h")) == std::vector<std::string>{"0: a gone"});
}

TEST_CASE("order: a cycle is an error naming its resources", "[order]") {
  catalog::Catalog cat;
  cat.resources = {testing::Thing("a", "h", "1", {"test.thing \"b\" @ h"}),
                   testing::Thing("b", "h", "1", {"test.thing \"a\" @ h"})};
  std::vector<std::vector<Change>> changes = {{Of(cat.resources[0]), Of(cat.resources[1])}};
  CHECK_THROWS_WITH(OrderBatches(changes, cat, "h"),
                    "dependency cycle between test.thing \"a\" @ h, test.thing \"b\" @ h");
}

}  // namespace kilter::reconciler
