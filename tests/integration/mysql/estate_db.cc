#include "estate_db.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "support/estate.h"
#include "support/default_settings.h"

namespace kilter::testing {

using reconciler::Change;
using reconciler::ChangeKind;
using reconciler::Command;
using reconciler::CommandResult;

EstateDb::EstateDb(const std::string& name)
    : env_(EstateEnv("mariadb")), database_("opencart_" + name) {
  host_.name = "db1";
  host_.address = "127.0.0.1";
  host_.transport = "local";
  transport_ = reconciler::Connect(host_, {});
  provider_ = reconciler::MakeProvider("mysql.index");
  REQUIRE(provider_);
  Command create{{"mariadb", "--defaults-file=" + env_.at("MARIADB_ROOT_DEFAULTS_FILE")}, "",
                 fmt::format("DROP DATABASE IF EXISTS `{0}`; CREATE DATABASE `{0}`;", database_)};
  CommandResult created = transport_->Run(create);
  REQUIRE(created.err == "");
  // OpenCart's installer session settings (corpus SOURCE.md).
  std::optional<std::string> schema = transport_->ReadFile(env_.at("MARIADB_CORPUS_SQL"));
  REQUIRE(schema);
  Command load{{"mariadb", "--defaults-file=" + env_.at("MARIADB_ROOT_DEFAULTS_FILE"),
                "--default-character-set=utf8",
                "--init-command=SET SESSION sql_mode='NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'",
                database_},
               "", *schema};
  CommandResult loaded = transport_->Run(load);
  INFO(loaded.err);
  REQUIRE(loaded.ok());
}

EstateDb::~EstateDb() {
  transport_->Run({{"mariadb", "--defaults-file=" + env_.at("MARIADB_ROOT_DEFAULTS_FILE")},
                   "",
                   fmt::format("DROP DATABASE IF EXISTS `{}`;", database_)});
}

std::string EstateDb::Sql(const std::string& sql) {
  CommandResult r = transport_->Run(
      {{"mariadb", "--defaults-file=" + env_.at("MARIADB_ROOT_DEFAULTS_FILE"), "-N", "-B",
        database_},
       "",
       sql});
  INFO(sql << "\n" << r.err);
  REQUIRE(r.ok());
  return r.out;
}

catalog::Resource EstateDb::Index(const std::string& name, const std::string& table,
                                  std::vector<std::string> columns, nlohmann::json extra) const {
  catalog::Resource r;
  r.type = "mysql.index";
  r.name = name;
  r.host = host_.name;
  r.source = {"specs/database.kilt", 1, 1};
  r.fields = {{"database", database_}, {"table", table},  {"name", ""},
              {"columns", columns},    {"unique", false}, {"type", "BTREE"},
              {"comment", ""},         {"ignored", false}};
  r.fields.update(extra);
  return r;
}

reconciler::ProviderContext EstateDb::Context(const std::vector<catalog::Resource>& resources,
                                              const nlohmann::json& settings,
                                              std::vector<const catalog::Resource*>& desired) {
  nlohmann::json merged = kilter::testing::DefaultSettings(provider_->name());
  merged["client"] = env_.at("MARIADB_CLIENT");
  merged["defaults_file"] = env_.at("MARIADB_DEFAULTS_FILE");
  merged["databases"] = {database_};
  merged.update(settings);
  for (const auto& r : resources) desired.push_back(&r);
  return reconciler::ProviderContext{host_, merged, desired, {}, {}};
}

std::vector<Change> EstateDb::Plan(const std::vector<catalog::Resource>& resources,
                                   nlohmann::json settings) {
  std::vector<const catalog::Resource*> desired;
  reconciler::ProviderContext ctx = Context(resources, settings, desired);
  reconciler::LiveState live = provider_->Read(*transport_, ctx);
  std::vector<Change> changes = provider_->Diff(ctx, live);
  provider_->Validate(*transport_, ctx, changes);
  return changes;
}

std::vector<Change> EstateDb::Apply(const std::vector<catalog::Resource>& resources,
                                    nlohmann::json settings) {
  std::vector<Change> changes = Pending(Plan(resources, settings));
  std::vector<const catalog::Resource*> desired;
  reconciler::ProviderContext ctx = Context(resources, settings, desired);
  if (!changes.empty()) provider_->Apply(*transport_, ctx, changes);
  return changes;
}

std::vector<std::string> EstateDb::Indexes(const std::string& table) {
  std::string out = Sql(fmt::format(
      "SELECT CONCAT(INDEX_NAME, ': ', GROUP_CONCAT(COLUMN_NAME, IFNULL(CONCAT('(', SUB_PART, "
      "')'), '') ORDER BY SEQ_IN_INDEX), ' [', MAX(INDEX_COMMENT), ']', IF(MAX(IGNORED)='YES', "
      "' IGNORED', '')) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA='{}' AND "
      "TABLE_NAME='{}' AND INDEX_NAME<>'PRIMARY' GROUP BY INDEX_NAME ORDER BY INDEX_NAME",
      database_, table));
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    if (end > start) lines.push_back(out.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<Change> Pending(const std::vector<Change>& changes) {
  std::vector<Change> out;
  for (const Change& c : changes) {
    if (c.kind != ChangeKind::kNothing) out.push_back(c);
  }
  return out;
}

}  // namespace kilter::testing
