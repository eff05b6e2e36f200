#include <chrono>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "estate_db.h"
#include "reconciler/providers/provider.h"

using namespace kilter;
using namespace kilter::reconciler;
using kilter::testing::EstateDb;
using kilter::testing::Pending;

namespace {

/// The indexes of stdlib/profiles/opencart.kilt, as the compiler hands them
/// to the provider for `use opencart_indexes "shop" (host = db1, ...)`.
std::vector<catalog::Resource> Profile(const EstateDb& db) {
  const std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> kIndexes = {
      {"product_to_category_category_product", "oc_product_to_category",
       {"category_id", "product_id"}},
      {"product_status_date_added", "oc_product", {"status", "date_added"}},
      {"product_model", "oc_product", {"model"}},
      {"product_description_language_name", "oc_product_description", {"language_id", "name"}},
      {"product_option_product", "oc_product_option", {"product_id"}},
      {"product_option_value_option", "oc_product_option_value", {"product_option_id"}},
      {"product_reward_product_group", "oc_product_reward", {"product_id", "customer_group_id"}},
      {"order_customer_status", "oc_order", {"customer_id", "order_status_id"}},
      {"order_date_modified", "oc_order", {"date_modified"}},
      {"order_history_order_date", "oc_order_history", {"order_id", "date_added"}},
      {"seo_url_keyword_store", "oc_seo_url", {"keyword", "store_id"}},
      {"seo_url_query_store_language", "oc_seo_url", {"query", "store_id", "language_id"}},
  };
  std::vector<catalog::Resource> out;
  for (const auto& [name, table, columns] : kIndexes) {
    out.push_back(db.Index("shop." + name, table, columns));
  }
  return out;
}

bool Mentions(const std::vector<std::string>& lines, const std::string& needle) {
  for (const std::string& l : lines) {
    if (l.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("applying the OpenCart indexes converges: plan is empty, a second apply does nothing",
          "[mysql.index][integration]") {
  EstateDb db("converge");
  std::vector<catalog::Resource> specs = Profile(db);
  specs.push_back(db.Index("shop.cart_session", "oc_cart", {"session_id", "customer_id"}));
  std::vector<Change> applied = db.Apply(specs);
  CHECK(applied.size() == 13);
  // MyISAM tables are copied under a shared lock; oc_cart (InnoDB) is online.
  // The two indexes of oc_product go into one statement.
  std::set<std::string> statements;
  for (const Change& c : applied) {
    REQUIRE(c.actions.size() == 1);
    statements.insert(c.actions[0].detail);
    if (c.name == "shop.cart_session") {
      CHECK_THAT(c.actions[0].detail, Catch::EndsWith("ALGORITHM=INPLACE, LOCK=NONE"));
      CHECK(c.warnings.empty());
    } else {
      CHECK_THAT(c.actions[0].detail, Catch::EndsWith("ALGORITHM=COPY, LOCK=SHARED"));
      CHECK_THAT(c.warnings.at(0), Catch::Contains("is MyISAM: no online DDL"));
    }
  }
  CHECK(statements.size() == 10);
  CHECK(db.Indexes("oc_product") ==
        std::vector<std::string>{"shop_product_model: model [kilter:shop.product_model]",
                                 "shop_product_status_date_added: status,date_added "
                                 "[kilter:shop.product_status_date_added]"});
  CHECK(Pending(db.Plan(specs)).empty());
  CHECK(db.Apply(specs).empty());
  CHECK(db.Sql("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME REGEXP "
               "'^kilter_scratch_[0-9a-f]{8}$'") == "0\n");
}

TEST_CASE("an index dropped by hand is drift; one added by hand is left alone",
          "[mysql.index][integration]") {
  EstateDb db("drift");
  db.Apply(Profile(db));
  db.Sql("ALTER TABLE oc_product DROP INDEX shop_product_model");
  db.Sql("ALTER TABLE oc_product ADD INDEX by_hand (sku)");
  std::vector<Change> drift = Pending(db.Plan(Profile(db)));
  REQUIRE(drift.size() == 1);
  CHECK(drift[0].name == "shop.product_model");
  CHECK(drift[0].kind == ChangeKind::kCreate);
  CHECK(drift[0].cause == DriftCause::kMissing);
  CHECK_THAT(drift[0].actions[0].detail, !Catch::Contains("by_hand"));
  db.Apply(Profile(db));
  CHECK(Mentions(db.Indexes("oc_product"), "by_hand: sku []"));
  CHECK(Pending(db.Plan(Profile(db))).empty());
}

TEST_CASE("a changed column list is a replace; a removed resource drops only kilter's index",
          "[mysql.index][integration]") {
  EstateDb db("replace");
  db.Apply(Profile(db));
  db.Sql("ALTER TABLE oc_product ADD INDEX by_hand (sku)");
  std::vector<catalog::Resource> specs = Profile(db);
  specs[2].fields["columns"] = {"model", "sku(16)"};
  std::vector<Change> replaced = db.Apply(specs);
  REQUIRE(replaced.size() == 1);
  CHECK(replaced[0].kind == ChangeKind::kReplace);
  CHECK(Mentions(db.Indexes("oc_product"), "shop_product_model: model,sku(16)"));
  CHECK(Pending(db.Plan(specs)).empty());

  specs.erase(specs.begin() + 2);
  std::vector<Change> removed = db.Apply(specs);
  REQUIRE(removed.size() == 1);
  CHECK(removed[0].kind == ChangeKind::kDelete);
  CHECK(removed[0].name == "shop.product_model");
  CHECK(db.Indexes("oc_product") ==
        std::vector<std::string>{"by_hand: sku []",
                                 "shop_product_status_date_added: status,date_added "
                                 "[kilter:shop.product_status_date_added]"});
}

TEST_CASE("an identical unmarked index is adopted, not rebuilt", "[mysql.index][integration]") {
  EstateDb db("adopt");
  db.Sql("ALTER TABLE oc_product ADD INDEX dba_model (model)");
  std::vector<Change> plan = db.Plan({db.Index("shop.m", "oc_product", {"model(64)"})});
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].kind == ChangeKind::kNothing);
  CHECK_THAT(plan[0].reasons.at(0), Catch::Contains("adopted the existing index dba_model"));
}

TEST_CASE("a missing column is a plan error that changes nothing", "[mysql.index][integration]") {
  EstateDb db("missing");
  std::vector<catalog::Resource> specs = Profile(db);
  specs.push_back(db.Index("shop.bad", "oc_product", {"status", "no_such_column"}));
  std::vector<std::string> before = db.Indexes("oc_product");
  CHECK_THROWS_WITH(db.Apply(specs),
                    Catch::Contains("db1: mysql.index \"shop.bad\"") &&
                        Catch::Contains("column `no_such_column` does not exist in table " +
                                        db.database() + ".oc_product on host db1"));
  CHECK(db.Indexes("oc_product") == before);
}

TEST_CASE("a unique index that existing rows violate fails at plan time, counting them",
          "[mysql.index][integration]") {
  EstateDb db("unique");
  db.Sql("UPDATE oc_product SET sku = 'SAME' WHERE product_id IN (28, 29, 30)");
  std::vector<catalog::Resource> specs = {
      db.Index("shop.sku", "oc_product", {"sku"}, {{"unique", true}})};
  CHECK_THROWS_WITH(db.Plan(specs), Catch::Contains("would be violated by") &&
                                        Catch::Contains("existing rows"));
  // Empty skus collide as well; the count covers every row of a repeated key.
  std::string dups = db.Sql(
      "SELECT SUM(n) FROM (SELECT COUNT(*) n FROM oc_product GROUP BY sku HAVING n > 1) d");
  std::string expected = fmt::format("would be violated by {} existing rows",
                                     dups.substr(0, dups.size() - 1));
  CHECK_THROWS_WITH(db.Plan(specs), Catch::Contains(expected));
  CHECK(db.Sql("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME REGEXP "
               "'^kilter_scratch_[0-9a-f]{8}$'") == "0\n");
}

TEST_CASE("a statement the server refuses fails at plan time on the scratch copy",
          "[mysql.index][integration]") {
  EstateDb db("refused");
  // FULLTEXT on a column of a MyISAM table works; on an int column it cannot.
  std::vector<catalog::Resource> specs = {
      db.Index("shop.ft", "oc_product", {"product_id"}, {{"type", "FULLTEXT"}})};
  CHECK_THROWS_WITH(db.Plan(specs), Catch::Contains("fails on an empty copy of its table"));
  CHECK(db.Indexes("oc_product").empty());
}

TEST_CASE("an account denied the scratch schemas gets one warning with the GRANT, not an error",
          "[mysql.index][integration]") {
  EstateDb db("noscratch");
  // The account has ALL on its own database and nothing on kilter_scratch_%.
  std::string account = "'app_noscratch'@'127.0.0.1'";
  std::string root = "--defaults-file=" + db.env().at("MARIADB_ROOT_DEFAULTS_FILE");
  auto as_root = [&](const std::string& sql) {
    reconciler::CommandResult r = db.transport().Run({{"mariadb", root}, "", sql});
    INFO(sql << "\n" << r.err);
    REQUIRE(r.ok());
  };
  as_root(fmt::format("DROP USER IF EXISTS {0}; CREATE USER {0} IDENTIFIED BY 'pw-noscratch'; "
                      "GRANT ALL ON `{1}`.* TO {0};",
                      account, db.database()));
  std::optional<std::string> options =
      db.transport().ReadFile(db.env().at("MARIADB_DEFAULTS_FILE"));
  REQUIRE(options);
  std::string text;
  std::istringstream lines(*options);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("user=", 0) == 0) line = "user=app_noscratch";
    if (line.rfind("password=", 0) == 0) line = "password=pw-noscratch";
    text += line + "\n";
  }
  std::string file = db.env().at("MARIADB_DEFAULTS_FILE") + ".noscratch";
  db.transport().WriteFile(file, text, {0600, "", ""});

  std::vector<catalog::Resource> specs = {
      db.Index("shop.a", "oc_order", {"date_added"}),
      db.Index("shop.b", "oc_order", {"order_status_id", "date_added"})};
  std::vector<reconciler::Change> changes = db.Plan(specs, {{"defaults_file", file}});
  // Other warnings (the table is MyISAM: the ALTER locks it) stay as they are.
  std::vector<std::string> warnings;
  for (const reconciler::Change& c : changes) {
    for (const std::string& w : c.warnings) {
      if (w.find("not proven") != std::string::npos) warnings.push_back(w);
    }
  }
  INFO(fmt::format("{}", fmt::join(warnings, "\n---\n")));
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::Contains("were not proven at plan time") &&
                              Catch::Contains("GRANT CREATE, DROP, ALTER, INDEX, SELECT ON "
                                              "`kilter\\_scratch\\_%`.* TO " + account) &&
                              Catch::Contains("validate = false") &&
                              !Catch::Contains("fails on an empty copy"));
  // The plan itself still stands: both indexes are creates, in one ALTER.
  CHECK(changes.size() == 2);
  for (const reconciler::Change& c : changes) CHECK(c.kind == ChangeKind::kCreate);
  db.transport().Remove(file);
  as_root(fmt::format("DROP USER {};", account));
}

TEST_CASE("a bad password is a clear error naming host and database",
          "[mysql.index][integration]") {
  EstateDb db("password");
  std::string bad = db.env().at("MARIADB_DEFAULTS_FILE") + ".bad";
  std::optional<std::string> good = db.transport().ReadFile(db.env().at("MARIADB_DEFAULTS_FILE"));
  REQUIRE(good);
  std::string text = *good;
  text.replace(text.find("password="), std::string("password=").size(), "password=wrong");
  db.transport().WriteFile(bad, text, {0600, "", ""});
  CHECK_THROWS_WITH(db.Plan(Profile(db), {{"defaults_file", bad}}),
                    Catch::StartsWith("db1: mysql.index: database " + db.database()) &&
                        Catch::Contains("refused the login") && Catch::Contains(bad) &&
                        !Catch::Contains("wrong"));
  db.transport().Remove(bad);
}

TEST_CASE("a long transaction holding the table makes the apply fail fast",
          "[mysql.index][integration]") {
  EstateDb db("locked");
  std::vector<catalog::Resource> specs = {db.Index("shop.model", "oc_product", {"model"})};
  std::vector<Change> plan = db.Plan(specs);
  // Another session reads the table inside an open transaction and sleeps.
  catalog::Host host;
  host.name = "db1";
  host.transport = "local";
  std::unique_ptr<Transport> other = Connect(host, {});
  std::thread holder([&] {
    other->Run({{"mariadb", "--defaults-file=" + db.env().at("MARIADB_ROOT_DEFAULTS_FILE"),
                 db.database()},
                "",
                "START TRANSACTION; SELECT COUNT(*) FROM oc_product; SELECT SLEEP(60); COMMIT;",
                std::chrono::seconds(90)});
  });
  std::string holder_id;
  for (int i = 0; i < 100 && holder_id.empty(); ++i) {
    holder_id = db.Sql("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE "
                       "'SELECT SLEEP(60)%'");
    if (holder_id.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE_FALSE(holder_id.empty());
  auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(db.Apply(specs, {{"lock_wait_timeout", 1}}),
                    Catch::Contains("waited 1 s for a metadata lock and gave up") &&
                        Catch::Contains("oc_product was not changed"));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 10);
  db.Sql("KILL " + holder_id);
  holder.join();
  CHECK(db.Indexes("oc_product").empty());
}

TEST_CASE("ignored = true hides an index first; removing it then drops it",
          "[mysql.index][integration]") {
  EstateDb db("ignored");
  std::vector<catalog::Resource> specs = {db.Index("shop.model", "oc_product", {"model"})};
  db.Apply(specs);
  specs[0].fields["ignored"] = true;
  std::vector<Change> hidden = db.Apply(specs);
  REQUIRE(hidden.size() == 1);
  CHECK_THAT(hidden[0].actions[0].detail, Catch::EndsWith("ALGORITHM=INSTANT, LOCK=NONE"));
  CHECK(db.Indexes("oc_product") ==
        std::vector<std::string>{"shop_model: model [kilter:shop.model] IGNORED"});
  CHECK(Pending(db.Plan(specs)).empty());
  // The last resource of the host left the specs, and no database is named in
  // the settings: kilter's marked index is still found and dropped.
  std::vector<Change> dropped = db.Apply({}, {{"databases", nlohmann::json::array()}});
  REQUIRE(dropped.size() == 1);
  CHECK(dropped[0].kind == ChangeKind::kDelete);
  CHECK(db.Indexes("oc_product").empty());
}

TEST_CASE("an exclusive table loses every undeclared index", "[mysql.index][integration]") {
  EstateDb db("exclusive");
  catalog::Resource table;
  table.type = "mysql.table_indexes";
  table.name = "seo";
  table.host = "db1";
  table.fields = {{"database", db.database()}, {"table", "oc_seo_url"}};
  std::vector<catalog::Resource> specs = {
      db.Index("shop.keyword_store", "oc_seo_url", {"keyword", "store_id"}), table};
  std::vector<Change> applied = db.Apply(specs);
  REQUIRE(applied.size() == 2);
  CHECK(applied[1].destructive);
  CHECK(db.Indexes("oc_seo_url") ==
        std::vector<std::string>{
            "shop_keyword_store: keyword,store_id [kilter:shop.keyword_store]"});
  CHECK(Pending(db.Plan(specs)).empty());
}
