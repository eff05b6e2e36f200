#include "reconciler/providers/settings.h"

#include <fmt/format.h>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler {

std::string StringSetting(const nlohmann::json& settings, const std::string& provider,
                          const char* key) {
  auto it = settings.find(key);
  if (it == settings.end() || !it->is_string()) {
    throw ProviderError(fmt::format("{} setting '{}' must be a string", provider, key));
  }
  return it->get<std::string>();
}

}  // namespace kilter::reconciler
