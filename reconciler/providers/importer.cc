#include "reconciler/providers/importer.h"

#include <algorithm>

namespace kilter::reconciler {

const std::vector<std::string>& ImportRequest::Values(const std::string& name) const {
  static const std::vector<std::string> kNone;
  auto it = filters.find(name);
  return it == filters.end() ? kNone : it->second;
}

bool ImportRequest::Admits(const std::string& name, const std::string& value) const {
  const std::vector<std::string>& values = Values(name);
  return values.empty() || std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace kilter::reconciler
