#include "reconciler/plan/change.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {

TEST_CASE("Change::Deleted is a spec-changed delete with its reason", "[change]") {
  Change c = Change::Deleted("backup.policy", "db", "db1", "no longer declared");
  CHECK(c.Address() == "backup.policy \"db\" @ db1");
  CHECK(c.kind == ChangeKind::kDelete);
  CHECK(c.cause == DriftCause::kSpecChanged);
  CHECK(c.reasons == std::vector<std::string>{"no longer declared"});
  CHECK(c.desired.is_null());
  CHECK_FALSE(c.source);
}

}  // namespace kilter::reconciler
