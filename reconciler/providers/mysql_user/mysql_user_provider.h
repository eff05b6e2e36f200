#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_user {

/// mysql.user: MySQL/MariaDB accounts with their grants, owned through a
/// record in the engine's state directory (docs/providers/mysql.user.md).
std::unique_ptr<Provider> MakeMysqlUserProvider();

}  // namespace kilter::reconciler::mysql_user
