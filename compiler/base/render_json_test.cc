#include "compiler/base/render_json.h"

#include <catch2/catch.hpp>

#include "compiler/base/render_sarif.h"

namespace kilter::compiler {

TEST_CASE("RenderJson lists diagnostics with 1-based code-point locations", "[render]") {
  SourceFile file("j.kilt", "let é = 1\nlet x = y\n");
  Diagnostics diags;
  Diagnostic d{Severity::kError, "E0301", "unknown name y", {&file, 19, 20}, "did you mean x?", {}};
  d.related.push_back({{&file, 4, 6}, "similar name here"});
  diags.Add(d);
  nlohmann::json j = RenderJson(diags);
  CHECK(j["version"] == 1);
  CHECK(j["errors"] == 1);
  CHECK(j["warnings"] == 0);
  const auto& first = j["diagnostics"][0];
  CHECK(first["severity"] == "error");
  CHECK(first["code"] == "E0301");
  CHECK(first["hint"] == "did you mean x?");
  CHECK(first["location"] == nlohmann::json{{"file", "j.kilt"}, {"line", 2}, {"column", 9},
                                            {"end_line", 2}, {"end_column", 10}});
  CHECK(first["related"][0]["location"]["column"] == 5);
  CHECK(first["related"][0]["location"]["end_column"] == 6);
}

TEST_CASE("RenderJson gives a null location for a diagnostic about no file", "[render]") {
  Diagnostics diags;
  diags.Error("E0409", {}, "path x does not exist");
  CHECK(RenderJson(diags)["diagnostics"][0]["location"].is_null());
}

TEST_CASE("RenderSarif follows the SARIF 2.1.0 structure", "[render][sarif]") {
  SourceFile file("dir/my file.kilt", "abc\ndef\n");
  Diagnostics diags;
  diags.Error("E0203", {&file, 4, 7}, "unknown field def", "did you mean abc?");
  diags.Warning("W0201", {&file, 0, 3}, "abc is slow");
  Diagnostic dup{Severity::kError, "E0203", "again", {&file, 0, 1}, "", {}};
  dup.related.push_back({{&file, 4, 5}, "first declared here"});
  diags.Add(dup);
  nlohmann::json log = RenderSarif(diags, {"1.2.3", {{"E0203", "Unknown field"}}});

  CHECK(log["version"] == "2.1.0");
  CHECK(log["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
  REQUIRE(log["runs"].size() == 1);
  const auto& run = log["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  const auto& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "kilter");
  CHECK(driver["version"] == "1.2.3");
  REQUIRE(driver["rules"].size() == 2);
  CHECK(driver["rules"][0]["id"] == "E0203");
  CHECK(driver["rules"][0]["shortDescription"]["text"] == "Unknown field");
  CHECK(driver["rules"][0]["helpUri"] == "docs/errors/E0203.md");
  CHECK(driver["rules"][1]["id"] == "W0201");
  CHECK(driver["rules"][1]["shortDescription"]["text"] == "abc is slow");

  REQUIRE(run["results"].size() == 3);
  const auto& first = run["results"][0];
  CHECK(first["ruleId"] == "E0203");
  CHECK(first["ruleIndex"] == 0);
  CHECK(first["level"] == "error");
  CHECK(first["message"]["text"] == "unknown field def (did you mean abc?)");
  const auto& physical = first["locations"][0]["physicalLocation"];
  CHECK(physical["artifactLocation"]["uri"] == "dir/my%20file.kilt");
  CHECK(physical["region"] == nlohmann::json{{"startLine", 2}, {"startColumn", 1},
                                             {"endLine", 2}, {"endColumn", 4}});
  CHECK(run["results"][1]["level"] == "warning");
  CHECK(run["results"][1]["ruleIndex"] == 1);
  CHECK(run["results"][2]["ruleIndex"] == 0);
  const auto& related = run["results"][2]["relatedLocations"][0];
  CHECK(related["message"]["text"] == "first declared here");
  CHECK(related["physicalLocation"]["region"]["startLine"] == 2);
}

}  // namespace kilter::compiler
