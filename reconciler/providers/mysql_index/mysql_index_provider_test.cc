#include "reconciler/providers/mysql_index/mysql_index_provider.h"

#include <catch2/catch.hpp>

#include "support/fake_transport.h"
#include "support/default_settings.h"

using namespace kilter;
using namespace kilter::reconciler;

namespace {

const char kLiveOutput[] =
    R"({"k": "server", "version": "10.11.19-MariaDB-0+deb12u1"})" "\n"
    R"({"k": "db", "db": "opencart"})" "\n"
    R"({"k": "table", "db": "opencart", "table": "oc_product", "engine": "MyISAM", "rows": 19})" "\n"
    R"({"k": "table", "db": "opencart", "table": "oc_cart", "engine": "InnoDB", "rows": 0})" "\n"
    R"({"k": "column", "db": "opencart", "table": "oc_product", "column": "status", "type": "tinyint", "len": null})" "\n"
    R"({"k": "column", "db": "opencart", "table": "oc_product", "column": "model", "type": "varchar", "len": 64})" "\n"
    R"({"k": "column", "db": "opencart", "table": "oc_cart", "column": "customer_id", "type": "int", "len": null})" "\n"
    R"({"k": "index", "db": "opencart", "table": "oc_product", "index": "old", "seq": 1, "column": "model", "sub": null, "coll": "A", "non_unique": 1, "type": "BTREE", "comment": "kilter:gone", "ignored": "NO"})" "\n";

catalog::Resource Index(const std::string& name, const std::string& table, const std::string& column,
                        bool unique = false) {
  catalog::Resource r;
  r.type = "mysql.index";
  r.name = name;
  r.host = "db1";
  r.fields = {{"database", "opencart"}, {"table", table}, {"name", name},
              {"columns", {column}},    {"unique", unique}, {"type", "BTREE"},
              {"comment", ""},          {"ignored", false}};
  return r;
}

struct Fixture {
  catalog::Host host{"db1", "127.0.0.1", "", 22, "local", "", {}};
  std::vector<catalog::Resource> resources{Index("status", "oc_product", "status"),
                                           Index("cart_customer", "oc_cart", "customer_id", true)};
  std::unique_ptr<Provider> provider = MakeMysqlIndexProvider();
  testing::FakeTransport transport{"db1"};

  ProviderContext Context(nlohmann::json settings = nlohmann::json::object()) {
    nlohmann::json merged = kilter::testing::DefaultSettings(provider->name());
    merged["defaults_file"] = "/etc/kilter/db.cnf";
    merged.update(settings);
    std::vector<const catalog::Resource*> desired;
    for (const auto& r : resources) desired.push_back(&r);
    return ProviderContext{host, merged, desired, {}, {}};
  }
};

}  // namespace

TEST_CASE("mysql.index reads a host in one client run, credentials from the option file",
          "[mysql.index]") {
  Fixture f;
  std::string sql;
  f.transport.On("mariadb", [&](const Command& c) {
    sql = c.stdin_data;
    return CommandResult{0, kLiveOutput, ""};
  });
  ProviderContext ctx = f.Context();
  LiveState live = f.provider->Read(f.transport, ctx);
  REQUIRE(f.transport.commands().size() == 1);
  REQUIRE(f.transport.log().at(0) ==
          "run mariadb --defaults-file=/etc/kilter/db.cnf --batch --raw "
          "--skip-column-names --default-character-set=utf8mb4 --connect-timeout=10");
  CHECK_THAT(sql, Catch::Contains("information_schema.STATISTICS"));
  CHECK(live.data["tables"].contains("opencart.oc_product"));
}

TEST_CASE("mysql.index applies one ALTER per table with a short metadata-lock wait",
          "[mysql.index]") {
  Fixture f;
  f.transport.On("mariadb", CommandResult{0, kLiveOutput, ""});
  ProviderContext ctx = f.Context({{"lock_wait_timeout", 3}});
  std::vector<Change> changes = f.provider->Diff(ctx, f.provider->Read(f.transport, ctx));
  REQUIRE(changes.size() == 3);  // two creates, one delete of kilter's orphan
  f.transport.ClearLog();
  std::vector<std::string> stdin_seen;
  f.transport.On("mariadb", [&](const Command& c) {
    stdin_seen.push_back(c.stdin_data);
    return CommandResult{0, "", ""};
  });
  f.provider->Apply(f.transport, ctx, changes);
  REQUIRE(stdin_seen.size() == 2);
  CHECK(stdin_seen[0] ==
        "SET SESSION lock_wait_timeout=3;\n"
        "ALTER TABLE `opencart`.`oc_product` DROP INDEX `old`, ADD INDEX `status` (`status`) "
        "COMMENT 'kilter:status', ALGORITHM=COPY, LOCK=SHARED;\n");
  CHECK(stdin_seen[1] ==
        "SET SESSION lock_wait_timeout=3;\n"
        "ALTER TABLE `opencart`.`oc_cart` ADD UNIQUE INDEX `cart_customer` (`customer_id`) "
        "COMMENT 'kilter:cart_customer', ALGORITHM=INPLACE, LOCK=NONE;\n");
}

TEST_CASE("mysql.index a held metadata lock fails the apply fast and says why",
          "[mysql.index]") {
  Fixture f;
  f.transport.On("mariadb", CommandResult{0, kLiveOutput, ""});
  ProviderContext ctx = f.Context();
  std::vector<Change> changes = f.provider->Diff(ctx, f.provider->Read(f.transport, ctx));
  f.transport.On("mariadb", CommandResult{1, "",
                                          "ERROR 1205 (HY000) at line 2: Lock wait timeout "
                                          "exceeded; try restarting transaction\n"});
  CHECK_THROWS_WITH(f.provider->Apply(f.transport, ctx, changes),
                    Catch::Contains("db1: mysql.index: ALTER TABLE opencart.oc_product waited 5 s "
                                    "for a metadata lock") &&
                        Catch::Contains("no table was changed"));
}

TEST_CASE("mysql.index a refused login names host and database", "[mysql.index]") {
  Fixture f;
  f.transport.On("mariadb", CommandResult{1, "",
                                          "ERROR 1045 (28000): Access denied for user "
                                          "'kilter'@'localhost' (using password: YES)\n"});
  ProviderContext ctx = f.Context();
  CHECK_THROWS_WITH(f.provider->Read(f.transport, ctx),
                    Catch::StartsWith("db1: mysql.index: database opencart: the server refused "
                                      "the login") &&
                        Catch::Contains("/etc/kilter/db.cnf"));
}

TEST_CASE("mysql.index plan-time proof runs every ALTER on a scratch copy", "[mysql.index]") {
  Fixture f;
  f.transport.On("mariadb", CommandResult{0, kLiveOutput, ""});
  ProviderContext ctx = f.Context();
  std::vector<Change> changes = f.provider->Diff(ctx, f.provider->Read(f.transport, ctx));
  std::string script;
  f.transport.On("--force", [&](const Command& c) {
    script = c.stdin_data;
    // The unique index on oc_cart is line 7: say 4 rows in 2 keys collide.
    return CommandResult{0, R"({"k": "dups", "line": 7, "rows": 4, "keys": 2})" "\n", ""};
  });
  CHECK_THROWS_WITH(f.provider->Validate(f.transport, ctx, changes),
                    Catch::Contains("db1: mysql.index \"cart_customer\": a unique index on "
                                    "opencart.oc_cart [\"customer_id\"] would be violated by 4 "
                                    "existing rows (2 keys occur more than once)"));
  CHECK_THAT(script, Catch::StartsWith("SELECT JSON_OBJECT('k','user','user',CURRENT_USER());\n"
                                       "CREATE DATABASE `kilter_scratch_"));
  CHECK_THAT(script,
             Catch::Contains("LIKE `opencart`.`oc_product`;\nALTER TABLE `kilter_scratch_"));
  CHECK_THAT(script,
             Catch::EndsWith("`;\n") && Catch::Contains("\nDROP DATABASE `kilter_scratch_"));

  f.transport.On("--force", CommandResult{1, "",
                                          "ERROR 1845 (0A000) at line 4: ALGORITHM=INPLACE is "
                                          "not supported for this operation\n"});
  CHECK_THROWS_WITH(f.provider->Validate(f.transport, ctx, changes),
                    Catch::Contains("fails on an empty copy of its table") &&
                        Catch::Contains("ERROR 1845"));
}

TEST_CASE("mysql.index reads kilter's marked indexes even with no resource left",
          "[mysql.index]") {
  Fixture f;
  f.resources.clear();
  std::string sql;
  f.transport.On("mariadb", [&](const Command& c) {
    sql = c.stdin_data;
    return CommandResult{0, kLiveOutput, ""};
  });
  ProviderContext ctx = f.Context({{"state_dir", "/var/lib/kilter"}});
  std::vector<Change> changes = f.provider->Diff(ctx, f.provider->Read(f.transport, ctx));
  CHECK_THAT(sql, Catch::Contains("TABLE_SCHEMA IN (NULL)"));
  CHECK_THAT(sql, Catch::Contains("INDEX_COMMENT LIKE ''%kilter:%''"));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kDelete);
  CHECK(changes[0].name == "gone");
}

