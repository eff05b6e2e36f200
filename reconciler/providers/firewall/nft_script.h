#pragma once

#include <string>

#include "reconciler/providers/firewall/ruleset.h"

/// Writes kilter's table as an nft script.
namespace kilter::reconciler::firewall {

/// One rule as an nft rule line, its ownership mark as the comment:
/// `ip saddr 10.0.0.0/8 tcp dport 22 accept comment "kilter:ssh"`.
/// `key_family` (4 or 6) picks the meters of a per-source rule, one line
/// per family in Rule::key_families; 0 for a rule without them.
std::string RenderRule(const Rule& rule, const Table& table, int key_family);

/// The whole table as one transaction for `nft -f`: create the table if it
/// is missing, delete it, define it again, all in one file, so the kernel
/// swaps the old table for the new one at once or not at all. `live` gives
/// the elements that dynamic sets keep (null when the table is absent).
std::string RenderTransaction(const Table& desired, const Table* live);

/// A transaction that puts back `saved` (what `nft list table` printed
/// before the apply), or removes the table when there was none.
std::string RenderRestore(const Table& table, const std::string& saved);

}  // namespace kilter::reconciler::firewall
