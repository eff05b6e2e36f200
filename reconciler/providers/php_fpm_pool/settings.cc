#include "reconciler/providers/php_fpm_pool/settings.h"

#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::php_fpm_pool {

Settings Settings::From(const nlohmann::json& json) {
  Settings s = TypedSettings<Settings>(json, "php.fpm_pool");
  while (s.pool_dir.size() > 1 && s.pool_dir.back() == '/') s.pool_dir.pop_back();
  return s;
}

std::string Settings::FileOf(const std::string& name) const {
  return pool_dir + "/kilter-" + kit::FileNamePart(name) + ".conf";
}

}  // namespace kilter::reconciler::php_fpm_pool
