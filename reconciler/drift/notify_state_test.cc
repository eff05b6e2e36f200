#include "reconciler/drift/notify_state.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {

TEST_CASE("notify state: found, same again, changed, cleared once, quiet", "[notify]") {
  std::vector<std::string> one = {"file \"motd\" @ box"};
  std::vector<std::string> two = {"file \"issue\" @ box", "file \"motd\" @ box"};
  NotifyState never;
  CHECK(Decide(never, {}) == NotifyEvent::kNone);
  CHECK(Decide(never, one) == NotifyEvent::kFound);
  NotifyState notified{one, "2026-12-07T03:00:00Z"};
  CHECK(Decide(notified, one) == NotifyEvent::kNone);
  CHECK(Decide(notified, two) == NotifyEvent::kChanged);
  CHECK(Decide(notified, {}) == NotifyEvent::kCleared);
  NotifyState cleared{{}, "2026-12-08T03:00:00Z"};
  CHECK(Decide(cleared, {}) == NotifyEvent::kNone);
  CHECK(Decide(cleared, one) == NotifyEvent::kFound);
}

TEST_CASE("notify state: the file round-trips and refuses what it is not", "[notify]") {
  NotifyState state{{"file \"a\" @ box", "file \"b\" @ box"}, "2026-12-07T03:00:00Z"};
  NotifyState read = ParseState(StateText(state));
  CHECK(read.drifted == state.drifted);
  CHECK(read.notified == state.notified);
  CHECK(ParseState(R"({"version": 1, "drifted": ["b", "a"]})").drifted ==
        std::vector<std::string>{"a", "b"});
  CHECK_THROWS_WITH(ParseState("{}"), "not a kilter notification state (version 1)");
  CHECK_THROWS_WITH(ParseState("not json"), "not a kilter notification state (version 1)");
  CHECK_THROWS_WITH(ParseState(R"({"version": 1, "drifted": [1]})"),
                    "\"drifted\" holds a non-string");
}

}  // namespace kilter::reconciler
