#include "reconciler/providers/settings.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler {

TEST_CASE("StringSetting reads a string, names provider and key otherwise", "[settings]") {
  nlohmann::json s = {{"nginx", "sudo nginx"}, {"check", true}};
  CHECK(StringSetting(s, "bluegreen.service", "nginx") == "sudo nginx");
  CHECK_THROWS_AS(StringSetting(s, "x", "check"), ProviderError);
  CHECK_THROWS_WITH(StringSetting(s, "backup.policy", "check"),
                    "backup.policy setting 'check' must be a string");
  CHECK_THROWS_WITH(StringSetting(s, "bluegreen.service", "curl"),
                    "bluegreen.service setting 'curl' must be a string");
}

}  // namespace kilter::reconciler
