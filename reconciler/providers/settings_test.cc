#include "reconciler/providers/settings.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {

namespace {

struct Example {
  std::string nginx;
  bool check = false;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Example, nginx, check)

}  // namespace

TEST_CASE("TypedSettings fills a provider's struct; a catalog lacking a key names it",
          "[settings]") {
  Example e = TypedSettings<Example>({{"nginx", "sudo nginx"}, {"check", true}}, "x");
  CHECK(e.nginx == "sudo nginx");
  CHECK(e.check);
  CHECK_THROWS_AS(TypedSettings<Example>({{"nginx", "nginx"}}, "x"), ProviderError);
  CHECK_THROWS_WITH(TypedSettings<Example>({{"nginx", "nginx"}}, "bluegreen.service"),
                    Catch::Contains("bluegreen.service settings are incomplete") &&
                        Catch::Contains("check"));
}

}  // namespace kilter::reconciler
