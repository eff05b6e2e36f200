#include "reconciler/providers/kit/nginx_name.h"

#include <cctype>

namespace kilter::reconciler::kit {

bool IsNginxName(const std::string& name, bool dots) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && (c != '.' || !dots)) {
      return false;
    }
  }
  return true;
}

}  // namespace kilter::reconciler::kit
