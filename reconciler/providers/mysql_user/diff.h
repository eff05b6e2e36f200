#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/mysql_user/account.h"

/// mysql.user's plan: a pure diff of the declared accounts against what Read
/// found. Statements are planned in full; where a password goes, they hold
/// kHashPlaceholder, which apply replaces with the hash of the password it
/// reads again (password.h), so no plan ever holds a password or its hash.
namespace kilter::reconciler::mysql_user {

inline constexpr const char* kHashPlaceholder = "<hash of the declared password>";

/// One change per declared account, then a delete per account kilter
/// created that no spec declares. Throws ProviderError when a declared
/// account exists, kilter did not create it and it is not as declared
/// (unless adopt = true), or when two resources declare one account.
std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const HostState& live);

/// The declared grants of `resource`; throws ProviderError naming its spec
/// location when one does not parse (the schema's rule catches that at
/// check; this is the catalog of another kilter).
GrantSet DeclaredGrants(const catalog::Resource& resource);

}  // namespace kilter::reconciler::mysql_user
