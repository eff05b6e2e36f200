#include "reconciler/providers/kit/nginx_name.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

TEST_CASE("kit: nginx names are letters, digits, '_', '-' and, where allowed, '.'", "[kit]") {
  CHECK(IsNginxName("shop_api-v2", false));
  CHECK(IsNginxName("shop.example", true));
  CHECK_FALSE(IsNginxName("shop.example", false));
  CHECK_FALSE(IsNginxName("", true));
  CHECK_FALSE(IsNginxName("a b", true));
  CHECK_FALSE(IsNginxName("a;b", true));
  CHECK_FALSE(IsNginxName("café", true));
}

}  // namespace kilter::reconciler::kit
