#pragma once

#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reconciler/providers/provider.h"

/// Reading a provider's settings from the catalog. The compiler checked them
/// against the provider's `settings` schema in stdlib/ and filled in its
/// defaults, so a provider only turns them into its own struct.
namespace kilter::reconciler {

/// The settings of `provider` as its struct T (which has a from_json).
/// Throws ProviderError when the catalog lacks some: a catalog written by
/// another kilter version.
template <typename T>
T TypedSettings(const nlohmann::json& settings, const std::string& provider) {
  try {
    return settings.get<T>();
  } catch (const nlohmann::json::exception& e) {
    throw ProviderError(fmt::format(
        "the catalog's {} settings are incomplete ({}); compile the specs with this kilter",
        provider, e.what()));
  }
}

}  // namespace kilter::reconciler
