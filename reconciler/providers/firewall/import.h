#pragma once

#include <set>
#include <string>
#include <vector>

#include "reconciler/providers/firewall/nft_json.h"
#include "reconciler/providers/importer.h"

/// `kilter import --type firewall`: kilter's nftables table as
/// firewall.chain, firewall.set and firewall.rule resources
/// (docs/providers/firewall.md, Import).
namespace kilter::reconciler::firewall {

/// --chain NAME.
std::vector<ImportFilter> ImportFilters();

/// The sets, the chains a rule's chain name would not make by itself, and
/// the marked rules (in table order) of `live`, limited to `chains` when
/// given and leaving out the resource names in `declared`; a note for each
/// rule without kilter's mark or with matches kilter never writes, and each
/// object kilter never makes.
kit::SpecFile ImportedTable(const std::string& host, const LiveTable& live,
                            const std::vector<std::string>& chains,
                            const std::set<std::string>& declared);

}  // namespace kilter::reconciler::firewall
