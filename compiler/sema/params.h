#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/inventory/inventory.h"
#include "compiler/sema/conform.h"
#include "compiler/sema/types.h"

namespace kilter::compiler {

/// Values given to params from outside the specs: kilter.toml `[params]`
/// (JSON values) and `--param NAME=VALUE` (text, read according to the
/// param's declared type). `--param` wins over the inventory.
class ParamOverrides {
 public:
  ParamOverrides(const Inventory* inventory, const std::map<std::string, std::string>& cli)
      : inventory_(inventory), cli_(cli) {}

  /// The override of param `name` (declared at `decl` with `type`), checked
  /// against the type. `given` tells whether there is one; a bad one is
  /// reported (naming the param and what was expected) and gives nullopt.
  std::optional<Value> Get(const std::string& name, const SemType& type, Span decl,
                           Conformer& conform, bool& given);

  /// Reports every override that names no declared param (E0309).
  void ReportUnknown(const std::vector<std::string>& declared, Reporter& rep) const;

 private:
  const Inventory* inventory_;
  const std::map<std::string, std::string>& cli_;
  std::set<std::string> used_;
};

/// Reads `--param` text as a value of `type`: raw text for strings (and
/// cron, ip, cidr, enums, which the type check then parses), a kilter
/// literal otherwise (`256MiB`, `30s`, `true`, `42`), comma-separated items
/// for lists and groups. On failure sets `error` to what was expected.
std::optional<Value> ValueFromText(const std::string& text, const SemType& type, Span span,
                                   std::string& error);

/// Reads a kilter.toml value as a value of `type`: strings become sizes and
/// durations where those are wanted ("256MiB"), arrays lists, tables objects.
Value ValueFromJson(const nlohmann::json& json, const SemType* type, Span span);

}  // namespace kilter::compiler
