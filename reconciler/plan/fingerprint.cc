#include "reconciler/plan/fingerprint.h"

#include "reconciler/providers/kit/digest.h"

namespace kilter::reconciler {

std::string LiveFingerprint(const nlohmann::json& value) {
  return "sha256:" + kit::Sha256Hex(value.dump());
}

}  // namespace kilter::reconciler
