#include <algorithm>

#include "reconciler/providers/backup_policy/backup_provider.h"
#include "reconciler/providers/bluegreen/bluegreen_provider.h"
#include "reconciler/providers/file/file_provider.h"
#include "reconciler/providers/health_check/health_provider.h"
#include "reconciler/providers/firewall/firewall_provider.h"
#include "reconciler/providers/mysql_encryption/mysql_encryption_provider.h"
#include "reconciler/providers/mysql_index/mysql_index_provider.h"
#include "reconciler/providers/mysql_maintenance/maintenance_provider.h"
#include "reconciler/providers/mysql_partitioning/partitioning_provider.h"
#include "reconciler/providers/mysql_server/mysql_server_provider.h"
#include "reconciler/providers/mysql_user/mysql_user_provider.h"
#include "reconciler/providers/nginx_rate_limit/nginx_rate_limit_provider.h"
#include "reconciler/providers/nginx_upstream/nginx_upstream_provider.h"
#include "reconciler/providers/php_fpm_pool/fpm_pool_provider.h"
#include "reconciler/providers/provider.h"
#include "reconciler/providers/php_opcache/provider.h"
#include "reconciler/providers/redis_server/redis_provider.h"
#include "reconciler/providers/sysctl/sysctl_provider.h"
#include "reconciler/providers/tls_certificate/tls_provider.h"

namespace kilter::reconciler {

namespace {

using Factory = std::unique_ptr<Provider> (*)();

/// Every provider, one line each: its resource types come from the provider.
const Factory kProviders[] = {
    MakeBackupPolicyProvider,
    MakeFileProvider,
    MakeFirewallProvider,
    MakeBlueGreenProvider,
    health_check::MakeHealthProvider,
    MakeMysqlIndexProvider,
    mysql_maintenance::MakeMaintenanceProvider,
    mysql_partitioning::MakePartitioningProvider,
    mysql_encryption::MakeMysqlEncryptionProvider,
    mysql_server::MakeMysqlServerProvider,
    mysql_user::MakeMysqlUserProvider,
    nginx_rate_limit::MakeNginxRateLimitProvider,
    nginx_upstream::MakeNginxUpstreamProvider,
    php_fpm_pool::MakeFpmPoolProvider,
    php_opcache::MakePhpOpcacheProvider,
    redis_server::MakeRedisProvider,
    sysctl::MakeSysctlProvider,
    tls_certificate::MakeTlsCertificateProvider,
};

}  // namespace

std::unique_ptr<Provider> MakeProvider(const std::string& type) {
  for (Factory factory : kProviders) {
    std::unique_ptr<Provider> provider = factory();
    for (const std::string& t : provider->types()) {
      if (t == type) return provider;
    }
  }
  return nullptr;
}

std::vector<std::string> ProviderTypes() {
  std::vector<std::string> types;
  for (Factory factory : kProviders) {
    for (const std::string& t : factory()->types()) types.push_back(t);
  }
  std::sort(types.begin(), types.end());
  return types;
}

}  // namespace kilter::reconciler
