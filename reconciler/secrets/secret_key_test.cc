#include "reconciler/secrets/secret_key.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

namespace kilter::reconciler {
namespace {

TEST_CASE("secret key: sizes, ids and fingerprints", "[secrets]") {
  CHECK_THROWS_WITH(SecretKey("short"), Catch::Contains("fewer than 16"));
  SecretKey a("sixteen bytes at least"), b("sixteen bytes at least!");
  CHECK(a.id().size() == 16);
  CHECK(a.id() != b.id());
  CHECK(a.Fingerprint("x", "v") == a.Fingerprint("x", "v"));
  CHECK(a.Fingerprint("x", "v") != a.Fingerprint("y", "v"));
  CHECK(a.Fingerprint("x", "v") != b.Fingerprint("x", "v"));
  CHECK(a.Fingerprint("x", "v").find(a.id()) == std::string("hmac-sha256:").size());
}

TEST_CASE("secret key: the key file is made once, 0600; KILTER_SECRET_KEY wins", "[secrets]") {
  char dir[] = "/tmp/kilter-key-test.XXXXXX";
  REQUIRE(::mkdtemp(dir));
  ::setenv("XDG_STATE_HOME", dir, 1);
  ::unsetenv("KILTER_SECRET_KEY");
  CHECK(SecretKeyPath() == std::string(dir) + "/kilter/secret.key");
  SecretKey first = LoadSecretKey();
  struct stat st {};
  REQUIRE(::stat(SecretKeyPath().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(LoadSecretKey().id() == first.id());

  ::setenv("KILTER_SECRET_KEY", "a key given by the CI system", 1);
  CHECK(LoadSecretKey().id() == SecretKey("a key given by the CI system").id());
  ::setenv("KILTER_SECRET_KEY", "short", 1);
  CHECK_THROWS_WITH(LoadSecretKey(), Catch::StartsWith("KILTER_SECRET_KEY: the secret key has 5"));
  ::unsetenv("KILTER_SECRET_KEY");
  ::unsetenv("XDG_STATE_HOME");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kilter::reconciler
