#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/firewall/ruleset.h"

/// Per-source limits. A rule's `limit = { per = "source" }` and its
/// `connections` keep one token bucket, or one connection count, per source
/// address in a dynamic set of kilter's table: the rule's meter. A meter
/// keys on one address family, so a rule that can see both IPv4 and IPv6
/// becomes two nft rules with the same mark, one per family, each with its
/// own meters.
namespace kilter::reconciler::firewall {

enum class MeterKind { kRate, kConnections };

/// Set names starting with this are meters; a firewall.set cannot use it.
inline constexpr const char* kMeterPrefix = "kilter_";

/// "kilter_rate4_1a2b3c4d5e6f": kind, family and a digest of the rule name,
/// so any rule name (up to 121 characters, spaces allowed) gives a valid,
/// distinct set name.
std::string MeterSetName(const std::string& rule_name, MeterKind kind, int family);

/// True for a name MeterSetName can make.
bool IsMeterSetName(const std::string& name);

/// Elements a meter holds at most; a source that finds it full is not
/// counted, so the rule does not match its packet.
inline constexpr int kMeterSize = 65535;

/// How long a source's bucket lives after its last packet: one unit of the
/// rate, at least a minute, so a slow source cannot reset its bucket by
/// pausing.
int MeterTimeoutSeconds(const Limit& limit);

/// The meters a rule needs: per key family, one for a per-source rate and
/// one for connections. Empty for a rule without per-source limits.
std::vector<Set> MeterSets(const Rule& rule);

/// The rule's meter statements for one family, in the order nft prints
/// them: `update @M { ip saddr limit rate 25/second burst 50 packets }`,
/// then `add @M { ip saddr ct count 100 }`.
std::vector<std::string> MeterStatements(const Rule& rule, int family);

}  // namespace kilter::reconciler::firewall
