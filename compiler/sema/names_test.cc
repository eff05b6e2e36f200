#include <catch2/catch.hpp>

#include "compiler/sema/sema_test_util.h"

namespace kilter::compiler::testing {
namespace {

const char kFile[] = "file \"f\" on web1 { path = \"/f\", content = ";

TEST_CASE("params: default, --param text, inventory value", "[names]") {
  const std::string spec = "param mem: size = 128MiB\nparam env: string = \"prod\"\n";
  Result def;
  Evaluate(def, spec);
  CHECK(def.params["mem"] == 128 * 1024 * 1024);
  CHECK(def.params["env"] == "prod");

  Result cli;
  Evaluate(cli, spec, {}, {{"mem", "256MiB"}, {"env", "staging"}});
  INFO(cli.Text());
  CHECK(cli.params["mem"] == 256 * 1024 * 1024);
  CHECK(cli.params["env"] == "staging");

  Inventory inv = TestInventory();
  inv.params["mem"] = {"64MiB", {}};
  Result toml;
  Evaluate(toml, spec, {}, {}, &inv);
  INFO(toml.Text());
  CHECK(toml.params["mem"] == 64 * 1024 * 1024);

  Result both;
  Evaluate(both, spec, {}, {{"mem", "32MiB"}}, &inv);
  CHECK(both.params["mem"] == 32 * 1024 * 1024);
}

TEST_CASE("bad overrides name the param and what was expected", "[names]") {
  Result bad;
  Evaluate(bad, "param mem: size = 128MiB\n", {}, {{"mem", "lots"}});
  const Diagnostic* d = bad.Find("E0211");
  REQUIRE(d);
  CHECK(d->message.find("--param mem=lots: expected a size like 128MiB") == 0);

  Result unknown;
  Evaluate(unknown, "param mem: size = 128MiB\n", {}, {{"men", "1GiB"}});
  const Diagnostic* u = unknown.Find("E0309");
  REQUIRE(u);
  CHECK(u->hint == "did you mean mem?");

  Result range;
  Evaluate(range, "param workers: int in 1..64 = 4\n", {}, {{"workers", "100"}});
  CHECK(range.Find("E0204"));

  Result missing;
  Evaluate(missing, "param env: string\n");
  CHECK(missing.Find("E0307"));
}

TEST_CASE("for, if and string interpolation make resources", "[names]") {
  Result r;
  Evaluate(r, R"(param env: string = "prod"
for name in ["a", "b", "c"] {
  if env == "prod" {
    file "${name}.conf" on web1 { path = "/etc/${name}.conf" }
  } else {
    file "${name}.dev" on web1 { path = "/tmp/${name}" }
  }
}
for port in 8000..8001 {
  file "port-${port}" on db1 { path = "/p/${port}" }
}
)");
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  REQUIRE(r.resources.size() == 5);
  CHECK(r.resources[0].resource.name == "a.conf");
  CHECK(r.resources[2].resource.fields["path"] == "/etc/c.conf");
  CHECK(r.resources[4].resource.name == "port-8001");
}

TEST_CASE("modules: prefixed names, typed params, argument errors", "[names]") {
  const std::string module = R"(module web_node(hosts: group, mem: size = 128MiB) {
  let half = mem / 2
  php.opcache "main" on hosts { memory_consumption = mem, interned_strings_buffer = half / 8 }
}
)";
  Result r;
  Evaluate(r, module +
                  "use web_node \"shop\" (hosts = web, mem = 256MiB)\n"
                  "use web_node \"admin\" (hosts = [\"db1\"])\n");
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  REQUIRE(r.resources.size() == 3);
  CHECK(r.resources[0].resource.Address() == "php.opcache \"shop.main\" @ web1");
  CHECK(r.resources[0].resource.fields["memory_consumption"] == 256 * 1024 * 1024);
  CHECK(r.resources[0].resource.fields["interned_strings_buffer"] == 16 * 1024 * 1024);
  CHECK(r.resources[2].resource.Address() == "php.opcache \"admin.main\" @ db1");

  Result missing;
  Evaluate(missing, module + "use web_node \"x\" (mem = 1GiB)\n");
  REQUIRE(missing.Find("E0307"));
  CHECK(missing.Find("E0307")->message == "module `web_node` needs argument `hosts`");

  Result unknown;
  Evaluate(unknown, module + "use web_node \"x\" (hosts = web, mme = 1GiB)\n");
  REQUIRE(unknown.Find("E0308"));
  CHECK(unknown.Find("E0308")->hint == "did you mean mem?");

  Result typed;
  Evaluate(typed, module + "use web_node \"x\" (hosts = web, mem = 5s)\n");
  CHECK(typed.Find("E0203"));

  Result nomodule;
  Evaluate(nomodule, module + "use web_nod \"x\" (hosts = web)\n");
  REQUIRE(nomodule.Find("E0306"));
  CHECK(nomodule.Find("E0306")->hint == "did you mean web_node?");

  Result recursive;
  Evaluate(recursive, "module m(n: int = 1) {\n use m \"again\" (n = n)\n}\nuse m \"top\"\n");
  CHECK(recursive.Find("E0312"));
}

TEST_CASE("imports: relative files, once each, names visible", "[names]") {
  Result r;
  Evaluate(r,
           "import \"./lib/common.kilt\"\nimport \"./lib/other.kilt\"\n" + std::string(kFile) +
               "greeting }\n",
           {{"lib/common.kilt", "let greeting = \"hello\"\nfile \"c\" on db1 { path = \"/c\" }\n"},
            {"lib/other.kilt", "import \"./common.kilt\"\nlet other = greeting\n"}});
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  CHECK(r.reads["lib/common.kilt"] == 1);
  CHECK(r.resources.size() == 2);
  CHECK(r.resources[1].resource.fields["content"] == "hello");
}

TEST_CASE("import cycles show the whole cycle", "[names]") {
  Result r;
  Evaluate(r, "import \"./a.kilt\"\n",
           {{"a.kilt", "import \"./b.kilt\"\n"}, {"b.kilt", "import \"./a.kilt\"\n"}});
  const Diagnostic* d = r.Find("E0303");
  REQUIRE(d);
  CHECK(d->message == "import cycle: a.kilt → b.kilt → a.kilt");
  CHECK(Result::Covered(*d) == "\"./a.kilt\"");
  CHECK(d->related.size() == 1);
}

TEST_CASE("import errors", "[names]") {
  CHECK_ERROR("import \"./missing.kilt\"\n", "E0302");
  Result r;
  Evaluate(r, "import \"profiles/nothing_here\"\n");
  CHECK(r.Find("E0302"));

  Result clash;
  Evaluate(clash, "import \"./a.kilt\"\nlet x = 2\n", {{"a.kilt", "let x = 1\n"}});
  REQUIRE(clash.Find("E0304"));
  CHECK(clash.Find("E0304")->related.size() == 2);
}

TEST_CASE("statements in the wrong place", "[names]") {
  CHECK_ERROR("schema my.thing {\n a: int\n}\n", "E0313");
  CHECK_ERROR("let a = 1\nlet a = 2\n", "E0304");
}

}  // namespace
}  // namespace kilter::compiler::testing

namespace kilter::compiler::testing {
namespace {

TEST_CASE("stdlib modules import by name", "[names]") {
  Result r;
  Evaluate(r, "import \"profiles/opencart\"\nuse opencart_indexes \"shop\" (host = db1)\n");
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  REQUIRE_FALSE(r.resources.empty());
  CHECK(r.resources[0].resource.name.starts_with("shop."));
  CHECK(r.resources[0].resource.host == "db1");
  CHECK(r.resources[0].resource.source.file == "<stdlib>/profiles/opencart.kilt");

  Result typo;
  Evaluate(typo, "import \"profiles/opencrat\"\n");
  REQUIRE(typo.Find("E0302"));
  CHECK(typo.Find("E0302")->hint == "did you mean profiles/opencart?");
}

}  // namespace
}  // namespace kilter::compiler::testing

namespace kilter::compiler::testing {
namespace {

TEST_CASE("long chains of imports and modules stop with E0511, not a crash", "[names]") {
  std::map<std::string, std::string> files;
  for (int i = 0; i < 2000; ++i) {
    files["f" + std::to_string(i) + ".kilt"] = "import \"./f" + std::to_string(i + 1) + ".kilt\"\n";
  }
  files["f2000.kilt"] = "let end = 1\n";
  Result imports;
  Evaluate(imports, "import \"./f0.kilt\"\n", files);
  CHECK(imports.Find("E0511"));

  std::string modules;
  for (int i = 0; i < 2000; ++i) {
    modules += "module m" + std::to_string(i) + "(n: int = 1) {\n use m" + std::to_string(i + 1) +
               " \"x\"\n}\n";
  }
  modules += "module m2000(n: int = 1) {\n file \"f\" on web1 { path = \"/f\" }\n}\nuse m0 \"top\"\n";
  Result uses;
  Evaluate(uses, modules);
  CHECK(uses.Find("E0511"));
}

TEST_CASE("a let or param named like an inventory host or group is a warning naming both",
          "[names]") {
  Result let;
  Evaluate(let, "let db1 = \"web2\"\nfile \"f\" on db1 { path = \"/f\", content = \"x\" }\n");
  INFO(let.Text());
  CHECK_FALSE(let.diags.has_errors());
  const Diagnostic* d = let.Find("W0320");
  REQUIRE(d);
  CHECK(d->message ==
        "`let db1` shadows the inventory host `db1`: `on db1` in its scope means this let, not "
        "the host");
  CHECK(Result::Covered(*d) == "db1");
  // `on db1` did mean the let.
  CHECK(let.Resource("file \"f\" @ web2"));

  Result param;
  Evaluate(param, "param web: string = \"web1\"\n");
  const Diagnostic* p = param.Find("W0320");
  REQUIRE(p);
  CHECK(p->message ==
        "`param web` shadows the inventory group `web`: `on web` in its scope means this param, "
        "not the group");

  Result other;
  Evaluate(other, "let db = \"db1\"\n");
  CHECK_FALSE(other.Find("W0320"));
}

}  // namespace
}  // namespace kilter::compiler::testing
