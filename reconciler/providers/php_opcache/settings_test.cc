#include "reconciler/providers/php_opcache/settings.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::php_opcache {

TEST_CASE("php.opcache settings default to Debian's PHP 8.2 FPM", "[php_opcache]") {
  Settings s = ParseSettings(DefaultSettingsJson());
  CHECK(s.ini_dir == "/etc/php/8.2/fpm/conf.d");
  CHECK(s.php == "env PHP_INI_SCAN_DIR=/etc/php/8.2/fpm/conf.d php8.2 -c /etc/php/8.2/fpm/php.ini");
  CHECK(s.reload == "systemctl reload php8.2-fpm");
  CHECK(s.file_name == "90-kilter-{name}.ini");
}

TEST_CASE("php.opcache settings are checked", "[php_opcache]") {
  CHECK(ParseSettings({{"ini_dir", "/srv/conf.d/"}}).ini_dir == "/srv/conf.d");
  CHECK_THROWS_WITH(ParseSettings({{"ini_dri", "/x"}}),
                    Catch::Contains("unknown setting \"ini_dri\""));
  CHECK_THROWS_WITH(ParseSettings({{"reload", 3}}), Catch::Contains("\"reload\" must be"));
  CHECK_THROWS_WITH(ParseSettings({{"ini_dir", "conf.d"}}), Catch::Contains("absolute"));
  CHECK_THROWS_WITH(ParseSettings({{"file_name", "90-kilter.ini"}}), Catch::Contains("{name}"));
  CHECK_THROWS_WITH(ParseSettings({{"file_name", "90-{name}.conf"}}), Catch::Contains(".ini"));
}

}  // namespace kilter::reconciler::php_opcache
