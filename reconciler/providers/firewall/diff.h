#pragma once

#include <string>
#include <vector>

#include "reconciler/plan/change.h"
#include "reconciler/providers/firewall/nft_json.h"
#include "reconciler/providers/firewall/ruleset.h"

namespace kilter::reconciler::firewall {

/// Everything the diff of one host's table looks at.
struct DiffInput {
  std::string host;
  const Table& desired;
  const LiveTable* live = nullptr;        ///< null when the table does not exist yet
  std::vector<std::string> other_tables;  ///< "FAMILY NAME" of the host's other tables
};

/// Desired vs live table: one Change per firewall resource (kNothing
/// included), a Change for an implicit base chain that differs, and a
/// kDelete for every object in the table that the specs do not declare
/// (rules removed from the specs and rules made by hand alike). A rule that
/// sits elsewhere in its chain than the specs say is an update of its
/// "position" (rules outside the longest common order move). The first
/// change that does something carries the whole nft transaction as its
/// action. Pure.
std::vector<Change> DiffTables(const DiffInput& input);

/// The SHA-256 (kit/digest.h) of a JSON value's dump, for fingerprints.
std::string Fingerprint(const nlohmann::json& value);

}  // namespace kilter::reconciler::firewall
