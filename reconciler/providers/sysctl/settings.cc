#include "reconciler/providers/sysctl/settings.h"

#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::sysctl {

namespace {

void DropTrailingSlash(std::string& dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
}

}  // namespace

Settings Settings::From(const nlohmann::json& json) {
  Settings s = TypedSettings<Settings>(json, "sysctl");
  DropTrailingSlash(s.dir);
  for (std::string& d : s.search_dirs) DropTrailingSlash(d);
  return s;
}

std::string Settings::FileOf(const std::string& name) const {
  return dir + "/kilter-" + kit::FileNamePart(name) + ".conf";
}

}  // namespace kilter::reconciler::sysctl
