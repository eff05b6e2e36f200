#include "reconciler/providers/kit/nginx_server.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

using nlohmann::json;

TEST_CASE("kit: an nginx server line holds the declared attributes", "[kit][nginx]") {
  CHECK(NginxServerLine(NginxServer::From(json{{"address", "10.0.0.11:8080"}})) ==
        "    server 10.0.0.11:8080 max_fails=1 fail_timeout=10s;\n");
  CHECK(NginxServerLine(NginxServer::From(json{{"address", "10.0.0.12:8080"},
                                               {"weight", 3},
                                               {"max_fails", 2},
                                               {"fail_timeout", 1500},
                                               {"backup", true}})) ==
        "    server 10.0.0.12:8080 weight=3 max_fails=2 fail_timeout=1500ms backup;\n");
  CHECK(NginxServerLine(NginxServer::From(
            json{{"address", "[::1]:8080"}, {"max_fails", 0}, {"drain", true}})) ==
        "    server [::1]:8080 max_fails=0 fail_timeout=10s down;\n");
}

TEST_CASE("kit: a declared list gives every server, defaults where absent", "[kit][nginx]") {
  std::vector<NginxServer> servers = NginxServers(
      json::array({{{"address", "unix:/run/app.sock"}}, {{"address", "h:1"}, {"weight", 2}}}));
  REQUIRE(servers.size() == 2);
  CHECK(servers[0].address == "unix:/run/app.sock");
  CHECK(servers[0].weight == 1);
  CHECK(servers[0].fail_timeout == std::chrono::milliseconds(10000));
  CHECK_FALSE(servers[0].drain);
  CHECK(servers[1].weight == 2);
  CHECK(NginxTime(std::chrono::milliseconds(60000)) == "60s");
}

}  // namespace kilter::reconciler::kit
