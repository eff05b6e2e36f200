#include "reconciler/providers/php_opcache/settings.h"

#include "reconciler/providers/settings.h"

namespace kilter::reconciler::php_opcache {

Settings ParseSettings(const nlohmann::json& json) {
  Settings s = TypedSettings<Settings>(json, "php.opcache");
  while (s.ini_dir.size() > 1 && s.ini_dir.back() == '/') s.ini_dir.pop_back();
  return s;
}

}  // namespace kilter::reconciler::php_opcache
