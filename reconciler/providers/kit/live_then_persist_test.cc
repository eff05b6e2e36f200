#include "reconciler/providers/kit/live_then_persist.h"

#include <stdexcept>

#include <catch2/catch.hpp>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::kit {

namespace {

/// Steps that record what they did in `log`; the one named `fails` throws.
std::vector<LiveStep> Steps(std::vector<std::string>& log, const std::string& fails = "",
                            const std::string& undo_fails = "") {
  std::vector<LiveStep> steps;
  for (std::string name : {"a", "b", "c"}) {
    steps.push_back({name,
                     [&log, name, fails] {
                       if (name == fails) throw std::runtime_error("Invalid argument");
                       log.push_back("set " + name);
                     },
                     [&log, name, undo_fails] {
                       if (name == undo_fails) throw std::runtime_error("Permission denied");
                       log.push_back("undo " + name);
                     }});
  }
  return steps;
}

}  // namespace

TEST_CASE("live then persist: live values first, then the file", "[kit][planes]") {
  std::vector<std::string> log;
  SetLiveThenPersist(Steps(log), [&] { log.push_back("persist"); }, "web1: sysctl");
  CHECK(log == std::vector<std::string>{"set a", "set b", "set c", "persist"});
}

TEST_CASE("live then persist: a refused value undoes the earlier ones and persists nothing",
          "[kit][planes]") {
  std::vector<std::string> log;
  CHECK_THROWS_WITH(
      SetLiveThenPersist(Steps(log, "b"), [&] { log.push_back("persist"); }, "web1: sysctl"),
      "web1: sysctl: setting b failed: Invalid argument; the previous live values were restored");
  CHECK(log == std::vector<std::string>{"set a", "undo a"});
}

TEST_CASE("live then persist: a failed persist undoes every live value, newest first",
          "[kit][planes]") {
  std::vector<std::string> log;
  CHECK_THROWS_AS(SetLiveThenPersist(
                      Steps(log), [] { throw std::runtime_error("No space left on device"); },
                      "web1: sysctl"),
                  ProviderError);
  CHECK(log == std::vector<std::string>{"set a", "set b", "set c", "undo c", "undo b", "undo a"});
}

TEST_CASE("live then persist: says which live value could not be restored", "[kit][planes]") {
  std::vector<std::string> log;
  CHECK_THROWS_WITH(
      SetLiveThenPersist(Steps(log, "", "b"), [] { throw std::runtime_error("disk full"); },
                         "web1: sysctl"),
      "web1: sysctl: persisting failed: disk full; could not restore the previous live value of "
      "b: Permission denied");
  CHECK(log == std::vector<std::string>{"set a", "set b", "set c", "undo c", "undo a"});
}

TEST_CASE("live then persist: the first value refused: nothing was changed", "[kit][planes]") {
  std::vector<std::string> log;
  CHECK_THROWS_WITH(SetLiveThenPersist(Steps(log, "a"), [] {}, "web1: sysctl"),
                    "web1: sysctl: setting a failed: Invalid argument; nothing was changed");
  CHECK(log.empty());
}

}  // namespace kilter::reconciler::kit
