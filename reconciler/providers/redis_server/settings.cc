#include "reconciler/providers/redis_server/settings.h"

#include "reconciler/providers/settings.h"

namespace kilter::reconciler::redis_server {

Settings Settings::From(const nlohmann::json& json) {
  return TypedSettings<Settings>(json, "redis.server");
}

}  // namespace kilter::reconciler::redis_server
