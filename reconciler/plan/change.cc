#include "reconciler/plan/change.h"

#include <fmt/format.h>

namespace kilter::reconciler {

const char* ToString(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kNothing: return "nothing";
    case ChangeKind::kCreate: return "create";
    case ChangeKind::kUpdate: return "update";
    case ChangeKind::kReplace: return "replace";
    case ChangeKind::kDelete: return "delete";
  }
  return "nothing";
}

std::string Change::Address() const { return fmt::format("{} \"{}\" @ {}", type, name, host); }

}  // namespace kilter::reconciler
