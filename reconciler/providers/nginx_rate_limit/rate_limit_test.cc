#include "reconciler/providers/nginx_rate_limit/rate_limit.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/nginx_rate_limit/includes.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::nginx_rate_limit {

namespace {

catalog::Resource Limit(const std::string& name, nlohmann::json fields) {
  catalog::Resource r;
  r.type = "nginx.rate_limit";
  r.name = name;
  r.host = "lb1";
  r.fields = std::move(fields);
  return r;
}

std::string Body(const std::string& rendered) {
  return rendered.substr(rendered.find('\n', rendered.find("fingerprint: ")) + 1);
}

}  // namespace

TEST_CASE("rate limit: the zones key allowed sources empty, the snippet limits",
          "[nginx_rate_limit]") {
  RateLimit l =
      RateLimit::From(Limit("marketplace-api", {{"zone_key", "$binary_remote_addr"},
                                                {"rate", "10r/s"},
                                                {"burst", 20},
                                                {"nodelay", true},
                                                {"status", 429},
                                                {"locations", {"/api/"}},
                                                {"connections", 50},
                                                {"zone_size", 10 << 20},
                                                {"allow", {"203.0.113.0/24", "2001:db8::/32"}}}));
  CHECK(l.Ident() == "kilter_rl_marketplace_api");
  CHECK(Body(RenderZones(l)) ==
        "geo $kilter_rl_marketplace_api_allowed {\n"
        "    default 0;\n"
        "    203.0.113.0/24 1;\n"
        "    2001:db8::/32 1;\n"
        "}\n"
        "map $kilter_rl_marketplace_api_allowed $kilter_rl_marketplace_api {\n"
        "    1 \"\";\n"
        "    default \"$binary_remote_addr\";\n"
        "}\n"
        "limit_req_zone $kilter_rl_marketplace_api zone=kilter_rl_marketplace_api:10m "
        "rate=10r/s;\n"
        "limit_conn_zone $kilter_rl_marketplace_api zone=kilter_rl_marketplace_api_conn:10m;\n");
  CHECK(Body(RenderSnippet(l)) ==
        "limit_req zone=kilter_rl_marketplace_api burst=20 nodelay;\n"
        "limit_req_status 429;\n"
        "limit_conn kilter_rl_marketplace_api_conn 50;\n"
        "limit_conn_status 429;\n");
}

TEST_CASE("rate limit: burst 0 and no connection limit write neither", "[nginx_rate_limit]") {
  RateLimit l = RateLimit::From(
      Limit("api", {{"rate", "600r/m"}, {"locations", {"/"}}, {"zone_size", 48 << 10}}));
  CHECK(Body(RenderSnippet(l)) == "limit_req zone=kilter_rl_api;\nlimit_req_status 429;\n");
  CHECK(Body(RenderZones(l)).find("zone=kilter_rl_api:48k rate=600r/m;") != std::string::npos);
}

TEST_CASE("rate limit: a name nginx cannot use is refused, naming the resource",
          "[nginx_rate_limit]") {
  CHECK_THROWS_WITH(
      RateLimit::From(Limit("a.b", {{"rate", "1r/s"}, {"locations", {"/"}}})),
      Catch::Contains("nginx.rate_limit \"a.b\" @ lb1") && Catch::Contains("letters, digits"));
}

TEST_CASE("rate limit: a listed location that does not include the snippet is a problem",
          "[nginx_rate_limit]") {
  std::string snippet = "/etc/nginx/snippets/kilter-rate-limit-api.conf";
  std::vector<kit::NginxLocation> found = {
      {"/api/", "/etc/nginx/sites-enabled/shop", {"snippets/kilter-rate-limit-api.conf"}, {}},
      {"/admin/", "/etc/nginx/sites-enabled/shop", {"fastcgi.conf"}, {"zone=admin"}},
      {"/feed/", "/etc/nginx/sites-enabled/shop", {snippet}, {}}};
  CHECK(IncludeProblems(found, {"/api/"}, snippet) ==
        std::vector<std::string>{"`location /feed/` in /etc/nginx/sites-enabled/shop includes " +
                                 snippet + " but is not in locations"});
  std::vector<std::string> p =
      IncludeProblems(found, {"/api/", "/admin/", "/gone/", "/feed/"}, snippet);
  REQUIRE(p.size() == 2);
  CHECK(p[0] == "`location /admin/` in /etc/nginx/sites-enabled/shop does not include " + snippet +
                    ": nginx does not limit it; add `include " + snippet + ";` inside the block");
  CHECK(p[1] == "nginx has no `location /gone/` (nginx -T): nothing is limited there");
  CHECK(OwnLimitWarnings(found, {"/admin/"}).size() == 1);
  CHECK(OwnLimitWarnings(found, {"/api/"}).empty());
}

}  // namespace kilter::reconciler::nginx_rate_limit
