#pragma once

#include <string>

#include <nlohmann/json.hpp>

/// Reading a provider's merged settings (defaults overlaid by kilter.toml).
namespace kilter::reconciler {

/// The string setting `key`; throws ProviderError "PROVIDER setting 'KEY'
/// must be a string" when it is missing or of another type.
std::string StringSetting(const nlohmann::json& settings, const std::string& provider,
                          const char* key);

}  // namespace kilter::reconciler
