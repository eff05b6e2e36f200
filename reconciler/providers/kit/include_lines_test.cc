#include "reconciler/providers/kit/include_lines.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

TEST_CASE("kit: include lines name paths and globs in file order, any case", "[kit][include]") {
  std::string conf =
      "port 6379\n"
      "include /etc/redis/a.conf\n"
      "  INCLUDE\t/etc/redis/kilter-*.conf  # trailing\n"
      "# include /commented.conf\n"
      "includes /not/this\n"
      "include\n"
      "include /etc/nginx/conf.d/*.conf;\n";
  CHECK(IncludedPatterns(conf, "include") ==
        std::vector<std::string>{"/etc/redis/a.conf", "/etc/redis/kilter-*.conf",
                                 "/etc/nginx/conf.d/*.conf"});
  CHECK(IncludedPatterns("include /last", "include") == std::vector<std::string>{"/last"});
  CHECK(IncludedPatterns("", "include").empty());
}

TEST_CASE("kit: an include directive is a plain word", "[kit][include]") {
  CHECK_NOTHROW(CheckDirective("include"));
  CHECK_THROWS_WITH(CheckDirective("inc/lude"), Catch::Contains("is not a word"));
  CHECK_THROWS(CheckDirective(""));
}

}  // namespace kilter::reconciler::kit
