#include "reconciler/providers/kit/digest.h"

#include "reconciler/transport/digest.h"

namespace kilter::reconciler::kit {

std::string Sha256Hex(std::string_view data) { return Hex(Sha256(data)); }

}  // namespace kilter::reconciler::kit
