#include "reconciler/providers/kit/nginx_locations.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

TEST_CASE("nginx -T: each location with its includes and its own limit_req", "[kit][nginx]") {
  std::string dump =
      "nginx: the configuration file /n/nginx.conf syntax is ok\n"
      "# configuration file /n/nginx.conf:\n"
      "http {\n"
      "  include /n/conf.d/*.conf;  # the zones\n"
      "  server {\n"
      "    location /api/ { include snippets/kilter-rate-limit-api.conf; proxy_pass http://b; }\n"
      "    location = /login {\n"
      "      limit_req zone=login burst=5;\n"
      "      location /login/x { include \"other.conf\"; }\n"
      "      return 200 \"a ; { } # not a comment\";\n"
      "    }\n"
      "  }\n"
      "}\n"
      "# configuration file /n/conf.d/site.conf:\n"
      "server { location ~* \\.php$ { include fastcgi.conf; } }\n";
  std::vector<NginxLocation> got = NginxLocations(dump);
  REQUIRE(got.size() == 4);
  CHECK(got[0].match == "/api/");
  CHECK(got[0].file == "/n/nginx.conf");
  CHECK(got[0].includes == std::vector<std::string>{"snippets/kilter-rate-limit-api.conf"});
  CHECK(got[0].limit_req.empty());
  CHECK(got[1].match == "= /login");
  CHECK(got[1].includes.empty());
  CHECK(got[1].limit_req == std::vector<std::string>{"zone=login burst=5"});
  CHECK(got[2].match == "/login/x");
  CHECK(got[2].includes == std::vector<std::string>{"other.conf"});
  CHECK(got[3].match == "~* \\.php$");
  CHECK(got[3].file == "/n/conf.d/site.conf");
  CHECK(got[3].includes == std::vector<std::string>{"fastcgi.conf"});
}

}  // namespace kilter::reconciler::kit
