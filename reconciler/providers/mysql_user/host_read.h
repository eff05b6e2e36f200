#pragma once

#include <map>
#include <string>

#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/mysql_user/account.h"
#include "reconciler/providers/mysql_user/settings.h"

/// What mysql.user reads on a host, in one batch: kilter's ownership record
/// and every account of the server with its grants. The client lists the
/// accounts (mysql.user) as statements that a second client runs: per
/// account its row and SHOW GRANTS, so one round trip reads them all.
namespace kilter::reconciler::mysql_user {

/// The batch for a host whose ownership record is at `record_path`.
kit::ReadBatch ReadBatchFor(const Settings& settings, const std::string& record_path);

/// The state the batch read, keeping the accounts named in `passwords` (the
/// declared ones: key -> the declared password, "" when none is compared)
/// and those in the ownership record, or with `all` every account; the
/// password hash is compared here and kept nowhere. An account holding a
/// grant kilter cannot read is listed in `unreadable`. Throws ProviderError
/// naming `host` when the client failed.
HostState StateFrom(const std::string& host, const Settings& settings,
                    const std::string& record_path,
                    const std::map<std::string, std::string>& passwords,
                    const kit::BatchResult& read, bool all = false);

}  // namespace kilter::reconciler::mysql_user
