#include "reconciler/transport/base64.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {
namespace {

TEST_CASE("Base64 round-trips the RFC 4648 vectors", "[transport]") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},         {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (auto [plain, encoded] : vectors) {
    CHECK(Base64Encode(plain) == encoded);
    CHECK(Base64Decode(encoded) == std::string(plain));
  }
}

TEST_CASE("Base64 keeps NUL and high bytes", "[transport]") {
  std::string bytes("\0\xff\x80\n\0", 5);
  CHECK(Base64Decode(Base64Encode(bytes)) == bytes);
}

TEST_CASE("Base64 accepts unpadded text and rejects garbage", "[transport]") {
  CHECK(Base64Decode("Zm8") == std::string("fo"));
  CHECK_FALSE(Base64Decode("Zm8 ").has_value());
  CHECK_FALSE(Base64Decode("Z").has_value());
  CHECK_FALSE(Base64Decode("Zm-v").has_value());
}

TEST_CASE("Base64 wraps lines for here-documents", "[transport]") {
  CHECK(Base64Encode("foobar", 4) == "Zm9v\nYmFy\n");
  CHECK(Base64Encode("fooba", 4) == "Zm9v\nYmE=\n");
  CHECK(Base64Encode("", 4).empty());
}

}  // namespace
}  // namespace kilter::reconciler
