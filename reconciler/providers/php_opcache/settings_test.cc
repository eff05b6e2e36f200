#include "reconciler/providers/php_opcache/settings.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/provider.h"
#include "support/default_settings.h"

namespace kilter::reconciler::php_opcache {

TEST_CASE("php.opcache settings default to Debian's PHP 8.2 FPM", "[php_opcache]") {
  Settings s = ParseSettings(kilter::testing::DefaultSettings("php.opcache"));
  CHECK(s.ini_dir == "/etc/php/8.2/fpm/conf.d");
  CHECK(s.php == "env PHP_INI_SCAN_DIR=/etc/php/8.2/fpm/conf.d php8.2 -c /etc/php/8.2/fpm/php.ini");
  CHECK(s.reload == "systemctl reload php8.2-fpm");
  CHECK(s.file_name == "90-kilter-{name}.ini");
}

TEST_CASE("php.opcache settings drop ini_dir's trailing slash", "[php_opcache]") {
  nlohmann::json json = kilter::testing::DefaultSettings("php.opcache");
  json["ini_dir"] = "/srv/conf.d/";
  CHECK(ParseSettings(json).ini_dir == "/srv/conf.d");
  CHECK_THROWS_AS(ParseSettings({{"ini_dir", "/x"}}), ProviderError);
}

}  // namespace kilter::reconciler::php_opcache
