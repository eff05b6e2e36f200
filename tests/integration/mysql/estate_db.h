#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/provider.h"
#include "reconciler/transport/transport.h"

namespace kilter::testing {

/// A private copy of the OpenCart database on the estate's MariaDB, loaded
/// fresh from the corpus with the installer's session settings, and the
/// mysql.index provider pointed at it through the real local transport.
class EstateDb {
 public:
  /// Loads `opencart_NAME` (dropped first if a previous run left it).
  explicit EstateDb(const std::string& name);
  ~EstateDb();

  const std::string& database() const { return database_; }
  const std::map<std::string, std::string>& env() const { return env_; }

  /// Runs SQL as the server's root in this database; fails the test on error.
  std::string Sql(const std::string& sql);

  /// A mysql.index resource on this database.
  catalog::Resource Index(const std::string& name, const std::string& table,
                          std::vector<std::string> columns,
                          nlohmann::json extra = nlohmann::json::object()) const;

  /// Read, Diff and Validate, as `kilter plan` does, for these resources.
  std::vector<reconciler::Change> Plan(const std::vector<catalog::Resource>& resources,
                                       nlohmann::json settings = nlohmann::json::object());
  /// Plan, then Apply the changes that are not kNothing; returns them.
  std::vector<reconciler::Change> Apply(const std::vector<catalog::Resource>& resources,
                                        nlohmann::json settings = nlohmann::json::object());

  /// "name: col1,col2 [comment]" of every index of `table` but PRIMARY, sorted.
  std::vector<std::string> Indexes(const std::string& table);

  reconciler::Transport& transport() { return *transport_; }

 private:
  reconciler::ProviderContext Context(const std::vector<catalog::Resource>& resources,
                                      const nlohmann::json& settings,
                                      std::vector<const catalog::Resource*>& desired);

  std::map<std::string, std::string> env_;
  std::string database_;
  catalog::Host host_;
  std::unique_ptr<reconciler::Transport> transport_;
  std::unique_ptr<reconciler::Provider> provider_;
};

/// The changes that do something.
std::vector<reconciler::Change> Pending(const std::vector<reconciler::Change>& changes);

}  // namespace kilter::testing
