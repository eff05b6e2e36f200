#include "compiler/inventory/inventory.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "compiler/base/location.h"

namespace kilter::compiler {

namespace {

/// Loads `text` as kilter.toml and lists its diagnostics as
/// "LINE:COL CODE message [hint]", one per entry.
struct Loaded {
  SourceFile file;
  Diagnostics diags;
  Inventory inventory;
  std::vector<std::string> problems;

  explicit Loaded(std::string text) : file("kilter.toml", std::move(text)) {
    inventory = LoadInventory(file, diags);
    for (const Diagnostic& d : diags.all()) {
      Location loc = Locate(d.span);
      std::string line = fmt::format("{}:{} {} {}", loc.line, loc.column, d.code, d.message);
      if (!d.hint.empty()) line += " [" + d.hint + "]";
      problems.push_back(line);
    }
  }
};

}  // namespace

TEST_CASE("Inventory hosts take defaults and the given settings", "[inventory]") {
  Loaded l(R"(
[hosts.web1]
address = "10.0.0.11"
user = "deploy"
port = 2222
identity = "keys/deploy"

[hosts.db1]
address = "db1.example.net"

[hosts.here]
transport = "local"
)");
  REQUIRE(l.problems.empty());
  REQUIRE(l.inventory.hosts.size() == 3);
  const catalog::Host& db = l.inventory.hosts[0];
  CHECK(db.name == "db1");
  CHECK(db.address == "db1.example.net");
  CHECK(db.user.empty());
  CHECK(db.port == 22);
  CHECK(db.transport == "ssh");
  const catalog::Host& here = l.inventory.hosts[1];
  CHECK(here.transport == "local");
  CHECK(here.address == "localhost");
  const catalog::Host& web = l.inventory.hosts[2];
  CHECK(web.user == "deploy");
  CHECK(web.port == 2222);
  CHECK(web.identity == "keys/deploy");
  CHECK(l.inventory.HasHost("web1"));
  CHECK_FALSE(l.inventory.HasHost("web2"));
  CHECK(Locate(l.inventory.host_spans["web1"]).line == 2);
}

TEST_CASE("Inventory host memory is a size", "[inventory]") {
  Loaded good(R"(
[hosts.web1]
address = "10.0.0.11"
memory = "8GiB"
)");
  REQUIRE(good.problems.empty());
  CHECK(good.inventory.host_memory.at("web1").bytes == 8LL << 30);
  CHECK(Locate(good.inventory.host_memory.at("web1").span).line == 4);

  Loaded bad(R"(
[hosts.web1]
address = "10.0.0.11"
memory = "8 gigs"

[hosts.web2]
address = "10.0.0.12"
memory = "0B"

[hosts.web3]
address = "10.0.0.13"
memory = 8
)");
  REQUIRE(bad.problems.size() == 3);
  CHECK(bad.problems[0].rfind("4:10 E0406 memory of host web1 is \"8 gigs\": ", 0) == 0);
  CHECK(bad.problems[1].rfind("8:10 E0406 memory of host web2 is \"0B\": it must be more than 0B", 0) == 0);
  CHECK(bad.problems[2].rfind("12:10 E0403 memory of host web3 must be a string", 0) == 0);
  CHECK(bad.inventory.host_memory.empty());
}

TEST_CASE("Inventory groups, params and ssh settings", "[inventory]") {
  Loaded l(R"(
[hosts.web1]
address = "10.0.0.11"
[hosts.web2]
address = "10.0.0.12"

[groups]
web = ["web1", "web2", "web1"]

[params]
env = "prod"
workers = 8
tags = ["a", "b"]
launch = 2024-05-01

[ssh]
known_hosts = "/etc/kilter/known_hosts"
)");
  REQUIRE(l.problems.empty());
  CHECK(l.inventory.groups["web"] == std::vector<std::string>{"web1", "web2"});
  CHECK(l.inventory.params["env"].value == "prod");
  CHECK(l.inventory.params["workers"].value == 8);
  CHECK(l.inventory.params["tags"].value == nlohmann::json{"a", "b"});
  CHECK(l.inventory.params["launch"].value == "2024-05-01");
  Location at = Locate(l.inventory.params["workers"].span);
  CHECK(at.line == 12);
  CHECK(at.column == 11);
  CHECK(l.inventory.known_hosts == "/etc/kilter/known_hosts");
}

TEST_CASE("Inventory keeps each provider table with where its keys are written", "[inventory]") {
  Loaded l(R"(
[providers."php.opcache"]
ini_dir = "/etc/php/8.2/fpm/conf.d"

[hosts.web2]
address = "10.0.0.12"
[hosts.web2.providers."php.opcache"]
ini_dir = "/etc/php/8.3/fpm/conf.d"
)");
  REQUIRE(l.problems.empty());
  REQUIRE(l.inventory.provider_tables.size() == 2);
  bool web2_first = l.inventory.provider_tables[0].host == "web2";
  const ProviderTable& global = l.inventory.provider_tables[web2_first ? 1 : 0];
  const ProviderTable& web2 = l.inventory.provider_tables[web2_first ? 0 : 1];
  CHECK(global.host.empty());
  CHECK(global.provider == "php.opcache");
  CHECK(web2.host == "web2");
  REQUIRE(web2.settings.size() == 1);
  CHECK(web2.settings[0].key == "ini_dir");
  CHECK(web2.settings[0].value.value == "/etc/php/8.3/fpm/conf.d");
  CHECK(Locate(web2.settings[0].key_span).line == 8);
  CHECK(l.inventory.hosts[0].providers.empty());
}

TEST_CASE("Inventory suppressions", "[inventory]") {
  Loaded l(R"(
[hosts.db1]
address = "10.0.0.21"

[[suppress]]
address = 'mysql.index "oc_product_date" @ db1'
reason = "rebuilt by hand during the migration"
expires = 2025-06-30

[[suppress]]
address = 'php.opcache "x" @ db1'
reason = "ticket 42"
expires = "2024-02-29"
)");
  REQUIRE(l.problems.empty());
  REQUIRE(l.inventory.suppressions.size() == 2);
  CHECK(l.inventory.suppressions[0].address == "mysql.index \"oc_product_date\" @ db1");
  CHECK(l.inventory.suppressions[0].reason == "rebuilt by hand during the migration");
  CHECK(l.inventory.suppressions[0].expires == "2025-06-30");
  CHECK(l.inventory.suppressions[1].expires == "2024-02-29");
}

TEST_CASE("Inventory TOML syntax errors name line and column", "[inventory][errors]") {
  Loaded l("[hosts.web1]\naddress = \"10.0.0.1\"\nport = = 22\n");
  REQUIRE(l.problems.size() == 1);
  CHECK(l.problems[0].rfind("3:8 E0401 invalid TOML: ", 0) == 0);
  CHECK(l.inventory.hosts.empty());
}

TEST_CASE("Inventory TOML error columns count characters, not bytes", "[inventory][errors]") {
  Loaded l("a = \"héllo\" x\n");
  REQUIRE(l.problems.size() == 1);
  CHECK(l.problems[0].rfind("1:13 E0401", 0) == 0);
  CHECK(Locate(l.diags.all()[0].span).column == 13);
}

TEST_CASE("Inventory unknown keys are errors with a suggestion", "[inventory][errors]") {
  Loaded l(R"([hosts.web1]
adress = "10.0.0.11"
address = "10.0.0.11"

[grups]
web = ["web1"]

[ssh]
known_host = "x"

[hosts.web2]
address = "10.0.0.12"
colour = "blue"
)");
  CHECK(l.problems == std::vector<std::string>{
                          "5:2 E0402 unknown key \"grups\" in the inventory [did you mean groups?]",
                          "2:1 E0402 unknown key \"adress\" in [hosts.web1] [did you mean address?]",
                          "13:1 E0402 unknown key \"colour\" in [hosts.web2] [expected one of: "
                          "address, user, port, transport, identity, providers, memory]",
                          "9:1 E0402 unknown key \"known_host\" in [ssh] [did you mean "
                          "known_hosts?]",
                      });
}

TEST_CASE("Inventory wrong types, bad values and missing addresses", "[inventory][errors]") {
  Loaded l(R"([hosts.web1]
address = 10
port = "22"

[hosts.web2]
address = "10.0.0.12"
port = 70000
transport = "shh"

[hosts.web3]
user = "deploy"

[hosts."web 4"]
transport = "local"
)");
  CHECK(l.problems ==
        std::vector<std::string>{
            "13:8 E0406 host name \"web 4\" may hold only letters, digits, '.', '-' and '_' "
            "and must start with a letter or digit",
            "2:11 E0403 address of host web1 must be a string, not an integer [quote it: \"...\"]",
            "3:8 E0403 port of host web1 must be an integer, not a string",
            "7:8 E0406 port of host web2 is 70000, outside 1..65535",
            "8:13 E0406 transport of host web2 is \"shh\"; it must be \"ssh\" or \"local\" "
            "[did you mean ssh?]",
            "10:8 E0404 host web3 has no address, which is required [add address = "
            "\"10.0.0.11\" (its IP address or DNS name), or transport = \"local\"]",
        });
}

TEST_CASE("Inventory groups must name hosts and not shadow them", "[inventory][errors]") {
  Loaded l(R"([hosts.web1]
address = "10.0.0.11"
[hosts.db]
address = "10.0.0.21"

[groups]
web = ["web1", "wbe2", 3]
db = ["db"]
"all-hosts" = ["web1"]
edge = "web1"
)");
  CHECK(l.problems ==
        std::vector<std::string>{
            "9:1 E0406 group name \"all-hosts\" must be an identifier (letters, digits and '_', "
            "not starting with a digit): specs refer to it by name",
            "10:8 E0403 group edge must be an array of host names, not a string "
            "[write edge = [\"web1\", \"web2\"]]",
            "7:24 E0403 members of group web must be host names (strings), not an integer",
            "8:1 E0407 \"db\" is both a host and a group; `on db` would be ambiguous "
            "[rename the group or the host]",
            "7:16 E0405 group web names host \"wbe2\", which is not in [hosts]",
        });
  CHECK(l.diags.all()[3].related.size() == 1);
}

TEST_CASE("Inventory suppressions are checked", "[inventory][errors]") {
  Loaded l(R"([hosts.db1]
address = "10.0.0.21"

[[suppress]]
address = "mysql.index oc_product @ db1"
reason = "x"
expires = "2025-02-30"

[[suppress]]
address = 'mysql.index "i" @ db2'
expires = "soon"
until = 1
)");
  CHECK(l.problems ==
        std::vector<std::string>{
            "5:11 E0406 \"mysql.index oc_product @ db1\" is not a resource address [write it as "
            "plans show it: TYPE \"NAME\" @ HOST, e.g. php.opcache \"storefront\" @ web1]",
            "7:11 E0406 expires of [[suppress]] must be a date [write expires = 2025-06-30 "
            "(YYYY-MM-DD)]",
            "10:11 E0405 suppression names host \"db2\", which is not in [hosts] "
            "[did you mean db1?]",
            "11:11 E0406 expires of [[suppress]] must be a date [write expires = 2025-06-30 "
            "(YYYY-MM-DD)]",
            "12:1 E0402 unknown key \"until\" in [[suppress]] [expected one of: address, reason, "
            "expires]",
            "9:1 E0404 this [[suppress]] entry has no reason, which is required [every "
            "suppression names an address, a reason and an expiry date]",
        });
  CHECK(l.inventory.suppressions.empty());
}

}  // namespace kilter::compiler
