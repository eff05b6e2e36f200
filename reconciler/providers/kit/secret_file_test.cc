#include "reconciler/providers/kit/secret_file.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/kit/digest.h"

using namespace kilter::reconciler;

TEST_CASE("secret file: mode, owner and digest, never the content", "[kit]") {
  CHECK(kit::SecretFileCommand("/etc/nginx/tls/a b.key") ==
        "if [ -e '/etc/nginx/tls/a b.key' ]; then stat -L -c '%a %U' '/etc/nginx/tls/a b.key' && "
        "sha256sum < '/etc/nginx/tls/a b.key'; fi");
  kit::SecretFileRead read =
      kit::ParseSecretFile("600 www-data\n" + kit::Sha256Hex("key\n") + "  -\n", "key\n");
  CHECK(read.exists);
  CHECK(read.same);
  CHECK(read.mode == "600");
  CHECK(read.owner == "www-data");
  CHECK_FALSE(
      kit::ParseSecretFile("600 root\n" + kit::Sha256Hex("key\n") + "  -\n", "other\n").same);
  CHECK_FALSE(kit::ParseSecretFile("600 root\n" + kit::Sha256Hex("") + "  -\n", "").same);
  CHECK_FALSE(kit::ParseSecretFile("", "key\n").exists);
}
