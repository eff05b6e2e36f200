#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kilter::testing {

/// The settings a host gets for `provider` when kilter.toml sets none: the
/// defaults of its `settings` schema in stdlib/, through the compiler, as the
/// catalog carries them.
nlohmann::json DefaultSettings(const std::string& provider);

/// Every provider's default settings, as a catalog host without provider
/// tables carries them (provider -> settings).
nlohmann::json DefaultHostSettings();

}  // namespace kilter::testing
