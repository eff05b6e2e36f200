#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "reconciler/plan/change.h"
#include "reconciler/providers/kit/setting_planes.h"
#include "reconciler/transport/transport.h"

/// How a type restarts a service for settings that take effect only at
/// restart, when its resource allows it (`restart = "allowed"`; the default
/// "never" leaves them restart pending): never before the service's own
/// configuration check passes on what kilter persisted.
namespace kilter::reconciler::kit {

/// The service's own check of its configuration files: exit 0 passes.
struct ConfigCheck {
  std::string name;  ///< for messages: "`mariadbd --help --verbose`"
  Command command;
};

struct ServiceRestart {
  std::string service;  ///< for messages: "the MariaDB server", "redis-server"
  ConfigCheck check;
  std::string restart;  ///< a shell command that restarts it: "systemctl restart mariadb"
  std::function<bool()> ready;  ///< true once the restarted service answers
  std::chrono::seconds timeout{60};
};

/// Runs the config check; throws std::runtime_error "the config check,
/// NAME, failed (exit N): WHAT IT SAID" (its last lines).
void CheckConfig(Transport& transport, const ConfigCheck& check);

/// CheckConfig, then the restart command, then waits (bounded by `timeout`)
/// until the service is ready. Throws std::runtime_error saying which step
/// failed, in the service's own words.
void RestartChecked(Transport& transport, const ServiceRestart& restart);

/// The plan's action for a restart: kind "restart", naming both commands.
Action RestartAction(const ServiceRestart& restart);

/// `words` for resource `r`: where it allows a restart (`restart =
/// "allowed"`), apply restarts the service through `restart` for a
/// restart-only setting, and JudgePlanes says so.
PlaneWords RestartWords(PlaneWords words, const catalog::Resource& r,
                        const ServiceRestart& restart);

}  // namespace kilter::reconciler::kit
