#include "reconciler/providers/mysql_user/password.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::mysql_user {

TEST_CASE("mysql.user: the native hash is the server's PASSWORD()", "[mysql.user]") {
  // SELECT PASSWORD('password') and PASSWORD('s3cret!') on MariaDB 10.11.
  CHECK(NativeHash("password") == "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
  CHECK(NativeHash("s3cret!") != NativeHash("s3cret"));
  CHECK(NativeHash("s3cret!").size() == 41);
}

}  // namespace kilter::reconciler::mysql_user
