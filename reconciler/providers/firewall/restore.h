#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "reconciler/providers/firewall/ruleset.h"

/// The rollback's restore, written from what the plan's read found.
namespace kilter::reconciler::firewall {

/// The transaction that puts kilter's table back as ReadHost's `data` found
/// it: the table rendered again from the model when the model holds all of
/// it, or the removal of the table when there was none. nullopt when the
/// table holds anything the model would lose in the rendering (an object
/// kilter never makes, a rule not marked or with an expression kilter never
/// writes or in another order, a table, chain or set field it does not
/// read): the apply then saves the table on the host. Counter values start
/// again from zero, as after every apply; dynamic sets keep their elements
/// and what is left of their timeouts.
std::optional<std::string> RestoreFromRead(const Table& desired, const nlohmann::json& data);

}  // namespace kilter::reconciler::firewall
