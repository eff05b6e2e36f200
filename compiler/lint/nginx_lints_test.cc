#include "compiler/lint/nginx_lints.h"

#include <catch2/catch.hpp>

namespace kilter::compiler {

namespace {

using nlohmann::json;

EvaluatedResource Limit(const std::string& name, const std::string& host, json locations) {
  EvaluatedResource er;
  er.resource.type = "nginx.rate_limit";
  er.resource.name = name;
  er.resource.host = host;
  er.resource.fields = {{"rate", "10r/s"}, {"locations", std::move(locations)}};
  return er;
}

std::vector<Diagnostic> Lint(const std::vector<EvaluatedResource>& resources) {
  Diagnostics diags;
  LintNginx(resources, diags);
  return diags.all();
}

}  // namespace

TEST_CASE("W0305: two rate limits on one location of one host", "[lint][nginx]") {
  std::vector<Diagnostic> d = Lint({Limit("api", "lb1", {"/api/", "/feed/"}),
                                    Limit("partners", "lb1", {"/partners/", "/api/"})});
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "W0305");
  CHECK(d[0].message ==
        "nginx.rate_limit \"partners\" and nginx.rate_limit \"api\" both limit location /api/ on "
        "lb1: nginx applies both limits there, and whichever is stricter refuses first");
}

TEST_CASE("W0305: the same location on different hosts, or different locations, is quiet",
          "[lint][nginx]") {
  CHECK(Lint({Limit("api", "lb1", {"/api/"}), Limit("api", "lb2", {"/api/"})}).empty());
  CHECK(Lint({Limit("api", "lb1", {"/api/"}), Limit("login", "lb1", {"= /api/"})}).empty());
}

}  // namespace kilter::compiler
