#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/firewall/ruleset.h"

/// Reads what `nft -j list ...` prints into the same model the specs build.
namespace kilter::reconciler::firewall {

/// What is in kilter's table on the host.
struct LiveTable {
  Table table;
  /// Objects kilter never makes (maps, named counters, flowtables...), one
  /// line each ("map inet kilter ports"); the next apply removes them.
  std::vector<std::string> foreign;
};

/// Parses `nft -j list table FAMILY NAME`. Rule expressions kilter does not
/// write are kept in Rule::unknown, so a rule edited by hand never looks
/// like a desired one. Throws std::runtime_error on a document that is not
/// nft's JSON.
LiveTable ParseTable(const nlohmann::json& doc);

/// Parses `nft -j list tables`: every table on the host as "FAMILY NAME".
std::vector<std::string> ParseTableList(const nlohmann::json& doc);

/// Canonical text of one set element as nft prints it in JSON (a number, an
/// address, {"prefix": ...}, {"range": ...} or {"elem": {"val": ...}}).
std::string CanonicalElement(const nlohmann::json& element, const std::string& set_type);

}  // namespace kilter::reconciler::firewall
