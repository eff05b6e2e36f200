#include "reconciler/plan/change.h"

#include "compiler/catalog/text.h"

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

bool ParseChangeKind(const std::string& text, ChangeKind& kind) {
  for (ChangeKind k : {ChangeKind::kNothing, ChangeKind::kCreate, ChangeKind::kUpdate,
                       ChangeKind::kReplace, ChangeKind::kDelete}) {
    if (text == ToString(k)) {
      kind = k;
      return true;
    }
  }
  return false;
}

const char* ToString(DriftCause cause) {
  switch (cause) {
    case DriftCause::kUnknown: return "unknown";
    case DriftCause::kSpecChanged: return "spec-changed";
    case DriftCause::kLiveChanged: return "live-changed";
    case DriftCause::kMissing: return "missing";
  }
  return "unknown";
}

bool ParseDriftCause(const std::string& text, DriftCause& cause) {
  for (DriftCause c : {DriftCause::kUnknown, DriftCause::kSpecChanged, DriftCause::kLiveChanged,
                       DriftCause::kMissing}) {
    if (text == ToString(c)) {
      cause = c;
      return true;
    }
  }
  return false;
}

Change Change::Of(const catalog::Resource& resource) {
  Change c;
  c.type = resource.type;
  c.name = resource.name;
  c.host = resource.host;
  c.desired = resource.fields;
  c.source = resource.source;
  return c;
}

Change Change::Deleted(const std::string& type, const std::string& name, const std::string& host,
                       const std::string& reason) {
  Change c;
  c.type = type;
  c.name = name;
  c.host = host;
  c.kind = ChangeKind::kDelete;
  c.cause = DriftCause::kSpecChanged;
  c.reasons.push_back(reason);
  return c;
}

std::string Change::Address() const { return catalog::Address(type, name, host); }

}  // namespace kilter::reconciler
