#pragma once

#include <string>

#include "reconciler/providers/kit/setting_planes.h"

/// Adoption: a declared resource whose live object is already as declared
/// but carries no kilter mark (what `kilter import` wrote specs for) plans as
/// nothing to do; kilter marks it at the next apply that changes it.
namespace kilter::reconciler::kit {

/// The reason an adopted resource's change carries; `how` says how kilter
/// will mark it: "writes PATH", "lists PATH in its manifest".
std::string WhyAdopted(const std::string& how);

/// True when the planes ask nothing of apply but kilter's own file: every
/// declared value live and persisted, nothing restart pending.
bool Settled(const PlanesVerdict& verdict);

}  // namespace kilter::reconciler::kit
