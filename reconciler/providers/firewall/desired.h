#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/firewall/ruleset.h"

namespace kilter::reconciler::firewall {

/// "inet kilter" -> family and name; throws ProviderError naming the host
/// when the setting is not FAMILY NAME with a family kilter can manage.
Table ParseTableSetting(const std::string& host, const std::string& setting);

/// The table the specs describe: firewall.chain, firewall.set and
/// firewall.rule resources of one host, in spec order. A rule naming an
/// undeclared chain gets a base chain of that name (hook of the same name,
/// policy accept) or, when the name is no hook, a regular chain. Throws
/// ProviderError naming the host and resource on a field nft cannot express.
Table BuildDesired(const std::string& host, const std::string& table_setting,
                   const std::vector<const catalog::Resource*>& resources);

/// True for the hooks a filter chain can attach to without a device.
bool IsHook(const std::string& name);

/// True when `name` can be a chain or set name in kilter's table.
bool IsValidObjectName(const std::string& name);

}  // namespace kilter::reconciler::firewall
