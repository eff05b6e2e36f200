#include "compiler/sema/provider_settings.h"

#include "compiler/sema/sema_test_util.h"

namespace kilter::compiler::testing {

namespace {

/// The test inventory with provider tables: `tables` as (host, provider,
/// {key, value}...), host "" for the global table.
struct Table {
  std::string host;
  std::string provider;
  std::vector<std::pair<std::string, nlohmann::json>> settings;
};

Inventory WithTables(const std::vector<Table>& tables) {
  Inventory inv = TestInventory();
  for (const Table& t : tables) {
    ProviderTable table{t.host, t.provider, {}, {}};
    for (const auto& [key, value] : t.settings) table.settings.push_back({key, {}, {value, {}}});
    inv.provider_tables.push_back(std::move(table));
  }
  return inv;
}

void Run(Result& r, const Inventory& inventory) {
  Evaluate(r, "", {}, {}, &inventory);
}

}  // namespace

TEST_CASE("provider settings: every host gets every provider's defaults", "[settings]") {
  Result r;
  Run(r, WithTables({}));
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  CHECK(r.providers["web1"]["php.opcache"]["file_name"] == "90-kilter-{name}.ini");
  CHECK(r.providers["db1"]["mysql.index"]["databases"] == nlohmann::json::array());
  CHECK(r.providers["db1"]["kilter"]["lock_timeout"] == 30 * 60 * 1000);
  CHECK(r.providers["db1"]["firewall"]["confirm_timeout"] == 60000);
}

TEST_CASE("provider settings: a host's table over the global one over the defaults",
          "[settings]") {
  Result r;
  Run(r, WithTables({{"", "php.opcache", {{"ini_dir", "/a"}, {"reload", "true"}}},
                     {"web2", "php.opcache", {{"ini_dir", "/b"}}},
                     {"", "kilter", {{"lock_timeout", "2h"}}}}));
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  CHECK(r.providers["web1"]["php.opcache"]["ini_dir"] == "/a");
  CHECK(r.providers["web2"]["php.opcache"]["ini_dir"] == "/b");
  CHECK(r.providers["web2"]["php.opcache"]["reload"] == "true");
  CHECK(r.providers["web2"]["php.opcache"]["file_name"] == "90-kilter-{name}.ini");
  CHECK(r.providers["db1"]["kilter"]["lock_timeout"] == 2 * 3600 * 1000);
}

TEST_CASE("provider settings: unknown providers, unknown keys, wrong types, broken rules",
          "[settings]") {
  Result r;
  Run(r, WithTables({{"", "backup.polcy", {{"cron_dir", "/etc/cron.d"}}},
                     {"", "backup.policy", {{"cron_dri", "/etc/cron.d"}}},
                     {"", "mysql.index", {{"lock_wait_timeout", "five"}}},
                     {"", "php.opcache", {{"ini_dir", "conf.d"}}}}));
  INFO(r.Text());
  const Diagnostic* provider = r.Find("E0411");
  REQUIRE(provider);
  CHECK(provider->hint == "did you mean backup.policy?");
  const Diagnostic* key = r.Find("E0202");
  REQUIRE(key);
  CHECK(key->message == "[providers.\"backup.policy\"] has no field `cron_dri`");
  CHECK(key->hint == "did you mean cron_dir?");
  CHECK(r.Find("E0203"));
  const Diagnostic* rule = r.Find("E0207");
  REQUIRE(rule);
  CHECK(rule->message == "ini_dir must be an absolute path");
}

TEST_CASE("provider settings: a bad global setting is one error, not one per host",
          "[settings]") {
  Result r;
  Run(r, WithTables({{"", "bluegreen.service", {{"conf_dir", "nginx"}}}}));
  size_t asserts = 0;
  for (const Diagnostic& d : r.diags.all()) asserts += d.code == "E0207";
  CHECK(asserts == 1);
}

}  // namespace kilter::compiler::testing
