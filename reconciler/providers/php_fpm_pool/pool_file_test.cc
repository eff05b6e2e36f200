#include "reconciler/providers/php_fpm_pool/pool_file.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/php_fpm_pool/host_read.h"

namespace kilter::reconciler::php_fpm_pool {

TEST_CASE("php.fpm_pool: values compare in FPM's units", "[php.fpm_pool]") {
  CHECK(Canonical("request_terminate_timeout", "1m") == "60");
  CHECK(Canonical("request_terminate_timeout", "60s") == "60");
  CHECK(Canonical("request_terminate_timeout", " 60 ") == "60");
  CHECK(Canonical("php_admin_value[memory_limit]", "256M") == "268435456");
  CHECK(Canonical("php_admin_value[memory_limit]", "262144k") == "268435456");
  CHECK(Canonical("php_admin_value[memory_limit]", "-1") == "-1");
  CHECK(Canonical("pm.max_children", "24") == "24");
}

TEST_CASE("php.fpm_pool: a pool met again in a later file continues it", "[php.fpm_pool]") {
  PersistedPools p({{"/d/a.conf", "[global]\npid = x\n[shop]\npm.max_children = 5\nlisten = /run/$pool.sock\n", 0},
                    {"/d/b.conf", "; comment\n[other]\npm.max_children = 9\n[shop]\npm.max_children = 7\n", 0}});
  CHECK(p.Defines("shop"));
  CHECK_FALSE(p.Defines("global"));
  CHECK(p.Effective("shop", "pm.max_children")->value == "7");
  CHECK(p.Effective("shop", "pm.max_children")->file == "/d/b.conf");
  CHECK(p.Effective("shop", "pm.max_children", {"/d/b.conf"})->value == "5");
  CHECK(p.Effective("shop", "listen")->value == "/run/shop.sock");
  CHECK(p.FilesOf("shop") == std::vector<std::string>{"/d/a.conf", "/d/b.conf"});
}

TEST_CASE("php.fpm_pool: the status page is found behind the FastCGI headers",
          "[php.fpm_pool]") {
  std::string out = "Content-Type: application/json\r\n\r\n{\"pool\":\"shop\",\"process manager\":\"static\"}";
  CHECK(ParseStatus(out, "shop").at("process manager") == "static");
  CHECK_THROWS_WITH(ParseStatus("Status: 404 Not Found\r\n\r\nFile not found.\n", "shop"),
                    Catch::Contains("not a PHP-FPM status page: File not found."));
  CHECK_THROWS_WITH(ParseStatus(out, "web"), Catch::Contains("pool \"shop\"'s, not \"web\"'s"));
  CHECK(ConnectAddress("9000") == "127.0.0.1:9000");
  CHECK(ConnectAddress("0.0.0.0:9000") == "127.0.0.1:9000");
  CHECK(ConnectAddress("/run/php/x.sock") == "/run/php/x.sock");
  CHECK(ConnectAddress("127.0.0.1:25090") == "127.0.0.1:25090");
}

}  // namespace kilter::reconciler::php_fpm_pool
