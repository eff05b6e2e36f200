#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/mysql_user/account.h"

/// `kilter import --type mysql.user`: the server's accounts as specs. root
/// and the server's own accounts are never imported; a password becomes
/// `env("NAME")`, a variable the user sets to it (kilter cannot read a
/// password back), so the imported specs plan nothing once it is set.
namespace kilter::reconciler::mysql_user {

std::vector<ImportFilter> ImportFilters();

/// The accounts of `state` that `request` admits and `declared` (keys) does
/// not hold, as resources on `host`.
kit::SpecFile ImportedAccounts(const std::string& host, const HostState& state,
                               const ImportRequest& request,
                               const std::vector<std::string>& declared);

/// Reads the host (the batch of Read) and imports its accounts.
kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request);

}  // namespace kilter::reconciler::mysql_user
