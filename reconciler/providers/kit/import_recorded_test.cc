#include "reconciler/providers/kit/import_recorded.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

namespace {

OwnedFile Owned(const std::string& name, const std::string& fields) {
  std::string text = Render({"bluegreen.service", name, "lb1", Comment::kHash, "",
                             {{"active", "blue"}, {"fields", fields}}, "upstream x {}\n"});
  return *ReadOwned("/etc/nginx/conf.d/kilter-" + name + ".conf", text, Comment::kHash);
}

}  // namespace

TEST_CASE("kit: ImportRecorded writes a resource back from its recorded fields",
          "[kit][import]") {
  std::vector<OwnedFile> owned = {
      Owned("shop", R"({"active":"blue","frontend":null,"health":{"body":null,"path":"/health",)"
                    R"("timeout":2000},"slots":{"blue":[{"address":"127.0.0.1:8081",)"
                    R"("fail_timeout":1500}]}})"),
      Owned("declared", R"({"active":"green"})")};
  owned[0].intact = false;
  SpecFile file = ImportRecorded(owned, "bluegreen.service", "lb1", {"declared"},
                                 {"health.timeout", "slots.*.fail_timeout"});
  CHECK(file.notes.empty());
  CHECK(RenderSpec("", file) ==
        "\n# recorded in /etc/nginx/conf.d/kilter-shop.conf\n"
        "# which was edited on the host since kilter wrote it: the plan rewrites it\n"
        "bluegreen.service \"shop\" on lb1 {\n"
        "  active = \"blue\"\n"
        "  health = {\n\"path\" = \"/health\"\n\"timeout\" = 2s\n}\n"
        "  slots = { \"blue\" = [{\n\"address\" = \"127.0.0.1:8081\"\n\"fail_timeout\" = 1500ms\n}] }\n"
        "}\n");
}

TEST_CASE("kit: ImportRecorded notes a file without a fields record", "[kit][import]") {
  OwnedFile f = *ReadOwned("/etc/cron.d/kilter-x",
                           Render({"backup.policy", "x", "db1", Comment::kHash, "", {}, "0 3 * * *\n"}),
                           Comment::kHash);
  SpecFile file = ImportRecorded({f}, "backup.policy", "db1", {}, {});
  CHECK(file.resources.empty());
  CHECK(file.notes == "not imported: /etc/cron.d/kilter-x: it records no fields of x\n");
}

TEST_CASE("kit: ImportRecorded gives durations in lists of objects and sizes their units",
          "[kit][import]") {
  OwnedFile f = *ReadOwned(
      "/etc/nginx/conf.d/kilter-upstream-pool.conf",
      Render({"nginx.upstream", "pool", "lb1", Comment::kHash, "",
              {{"fields", R"({"servers":[{"address":"127.0.0.1:8081","fail_timeout":10000},)"
                          R"({"address":"127.0.0.1:8082","fail_timeout":1500}],)"
                          R"("zone_size":10485760,"keepalive":32})"}},
              "upstream pool {}\n"}),
      Comment::kHash);
  SpecFile file = ImportRecorded({f}, "nginx.upstream", "lb1", {}, {"servers.fail_timeout"},
                                 {"zone_size"});
  std::string text = RenderSpec("", file);
  CHECK(text.find("\"fail_timeout\" = 10s") != std::string::npos);
  CHECK(text.find("\"fail_timeout\" = 1500ms") != std::string::npos);
  CHECK(text.find("zone_size = 10MiB") != std::string::npos);
  CHECK(text.find("keepalive = 32\n") != std::string::npos);
}

TEST_CASE("kit: ImportRecorded of a batch read keeps the admitted, undeclared resources",
          "[kit][import]") {
  BatchResult read;
  for (const char* name : {"shop", "admin", "declared"}) {
    std::string path = std::string("/etc/nginx/conf.d/kilter-") + name + ".conf";
    read.globs["conf"].push_back(path);
    FileRead& f = read.files[path];
    f.exists = f.regular = true;
    f.content = Render({"bluegreen.service", name, "lb1", Comment::kHash, "",
                        {{"fields", R"({"active":"blue","health":{"timeout":2000}})"}}, "x\n"});
  }
  catalog::Host host{"lb1", "127.0.0.1", "", 22, "local", "", nlohmann::json::object()};
  catalog::Resource declared;
  declared.name = "declared";
  ProviderContext ctx{host, nlohmann::json::object(), {&declared}, {}, nullptr};
  ImportRequest request{"bluegreen.service", {{"service", {"shop", "declared"}}}, std::nullopt};
  SpecFile file = ImportRecorded(
      read, {"bluegreen.service", "conf", "service", {"health.timeout"}}, ctx, request);
  REQUIRE(file.resources.size() == 1);
  CHECK(file.resources[0].name == "shop");
  CHECK(RenderSpec("", file).find("\"timeout\" = 2s") != std::string::npos);
}

}  // namespace kilter::reconciler::kit
