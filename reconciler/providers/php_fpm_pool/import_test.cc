#include "reconciler/providers/php_fpm_pool/import.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::php_fpm_pool {

TEST_CASE("php.fpm_pool import: a pool's directives as fields, the rest as notes",
          "[fpm][import]") {
  HostState state;
  state.files = {{"/etc/php/fpm/pool.d/www.conf",
                  "[www]\nlisten = /run/php/$pool.sock\nuser = www-data\npm = ondemand\n"
                  "pm.max_children = 8\nrequest_terminate_timeout = 1m\n"
                  "php_admin_value[memory_limit] = 256M\nphp_admin_value[error_log] = /var/log/x\n"
                  "listen.owner = www-data\n",
                  0},
                 {"/etc/php/fpm/pool.d/z.conf", "[nolisten]\npm = static\n[kept]\nlisten = 9000\n",
                  0}};
  kit::SpecFile file = ImportedPools("web1", state, {}, {"kept"});
  CHECK(file.notes ==
        "not imported: pool nolisten: it sets no listen\n"
        "pool www: listen.owner = www-data (/etc/php/fpm/pool.d/www.conf) is not imported: "
        "php.fpm_pool cannot declare it, and it stays in that file\n");
  REQUIRE(file.resources.size() == 1);
  CHECK(kit::RenderSpec("", {file.resources, ""}) ==
        "\n# pool [www] of /etc/php/fpm/pool.d/www.conf\n"
        "# the pool files do not set group, pm.start_servers, pm.min_spare_servers, "
        "pm.max_spare_servers, pm.max_requests: the schema's defaults apply, and the plan "
        "writes\n"
        "# them in kilter's pool file\n"
        "php.fpm_pool \"www\" on web1 {\n"
        "  listen = \"/run/php/www.sock\"\n"
        "  user = \"www-data\"\n"
        "  pm = \"ondemand\"\n"
        "  max_children = 8\n"
        "  request_terminate_timeout = 1m\n"
        "  memory_limit = 256MiB\n"
        "  php_admin_value = { \"error_log\" = \"/var/log/x\" }\n"
        "}\n");
}

TEST_CASE("php.fpm_pool import: --pool picks, an unknown one is a note", "[fpm][import]") {
  HostState state;
  state.files = {{"/p/a.conf", "[a]\nlisten = 1\n[b]\nlisten = 2\n", 0}};
  kit::SpecFile file = ImportedPools("web1", state, {"b", "c"}, {});
  CHECK(file.notes == "not imported: no pool c\n");
  REQUIRE(file.resources.size() == 1);
  CHECK(file.resources[0].name == "b");
}

}  // namespace kilter::reconciler::php_fpm_pool
