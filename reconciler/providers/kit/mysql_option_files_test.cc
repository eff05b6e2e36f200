#include "reconciler/providers/kit/mysql_option_files.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::mysql {

TEST_CASE("kit: mysql option files: the server's groups only, later lines win",
          "[kit][mysql]") {
  std::string cnf =
      "# comment\n"
      "[client]\n"
      "max_connections = 1\n"
      "[mysqld]\n"
      "max-connections = 200\n"
      "  Slow_Query_Log\n"
      "!includedir /etc/mysql/conf.d\n"
      "[mariadb-10.11]\n"
      "max_connections = 300 \n"
      "[mariadb-tools]\n"
      "wait_timeout = 5\n";
  std::map<std::string, std::string> options = ServerOptions(cnf);
  CHECK(options == std::map<std::string, std::string>{{"max_connections", "300"},
                                                      {"slow_query_log", "1"}});
}

TEST_CASE("kit: mysql option files: the file that sets a variable after kilter's",
          "[kit][mysql]") {
  const std::string own = "/etc/mysql/mariadb.conf.d/kilter-opencart.cnf";
  std::map<std::string, std::vector<std::string>> files = {
      {"/etc/mysql/mariadb.conf.d/50-server.cnf", {"max_connections", "bind_address"}},
      {own, {"max_connections"}},
      {"/etc/mysql/mariadb.conf.d/zz-local.cnf", {"max_connections"}},
  };
  CHECK(SetAfter(files, own, "max_connections") == "/etc/mysql/mariadb.conf.d/zz-local.cnf");
  files.erase("/etc/mysql/mariadb.conf.d/zz-local.cnf");
  CHECK_FALSE(SetAfter(files, own, "max_connections"));
  CHECK_FALSE(SetAfter(files, own, "wait_timeout"));
}

}  // namespace kilter::reconciler::mysql
