#include "reconciler/providers/kit/adoption.h"

namespace kilter::reconciler::kit {

std::string WhyAdopted(const std::string& how) {
  return "adopted as it is: the host already holds what the specs declare; kilter " + how +
         " at the next apply that changes this resource";
}

bool Settled(const PlanesVerdict& verdict) {
  return verdict.set_live.empty() && !verdict.persist && !verdict.pending;
}

}  // namespace kilter::reconciler::kit
