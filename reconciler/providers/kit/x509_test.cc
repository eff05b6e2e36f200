#include "reconciler/providers/kit/x509.h"

#include <catch2/catch.hpp>

#include "support/read_text.h"

using namespace kilter::reconciler;

namespace {

/// A fixture made with openssl (testdata/tls): shop.crt is CN=shop.example,
/// signed by ca.crt, valid until 2027-01-06 18:43:53 UTC; shop.key is its
/// key, other.key another EC key.
std::string Tls(const std::string& name) {
  return kilter::testing::ReadText(std::string(KILTER_SOURCE_DIR) +
                                   "/reconciler/providers/kit/testdata/tls/" + name);
}

}  // namespace

TEST_CASE("x509: fingerprint, subject and expiry of each certificate in order", "[kit][x509]") {
  std::vector<kit::Certificate> chain =
      kit::ParseCertificates("depth=0 noise from s_client\n" + Tls("shop.crt") + "---\n" +
                             Tls("ca.crt") + "Verify return code: 0 (ok)\n");
  REQUIRE(chain.size() == 2);
  CHECK(chain[0].subject == "CN=shop.example");
  CHECK(chain[0].sha256 == "e3a6c2a0cf61ae7b550523cc15fd86cdc6822f2e798c2f395a56c5bf7c8319c0");
  CHECK(kit::UtcTime(chain[0].not_after) == "2027-01-06 18:43:53 UTC");
  CHECK(chain[1].subject == "CN=Kilter Test CA");
  CHECK(chain[1].sha256 == "43f37c69ef62be11073736474e69f8be631b112dcf3d769b21db83804d4d1644");
  CHECK(kit::UtcTime(chain[1].not_after) == "2036-12-04 18:43:53 UTC");
  CHECK(kit::ParseCertificates("no certificate here").empty());
}

TEST_CASE("x509: a broken certificate block is an error naming it", "[kit][x509]") {
  std::string cut = Tls("shop.crt");
  cut = cut.substr(0, cut.find("-----END"));
  CHECK_THROWS_WITH(kit::ParseCertificates(cut),
                    "certificate 1 has no -----END CERTIFICATE----- line");
  CHECK_THROWS_WITH(
      kit::ParseCertificates(
          Tls("ca.crt") + "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"),
      "certificate 2 is not a valid PEM certificate");
}

TEST_CASE("x509: a key matches its certificate; another key is described", "[kit][x509]") {
  CHECK_FALSE(kit::KeyMismatch(Tls("shop.crt"), Tls("shop.key")));
  std::optional<std::string> other = kit::KeyMismatch(Tls("shop.crt"), Tls("other.key"));
  REQUIRE(other);
  CHECK_THAT(*other, Catch::StartsWith("the certificate's public key (EC 256 bits, public key "
                                       "SHA-256 "));
  CHECK_THAT(*other, Catch::Contains(") is not the public half of the key (EC 256 bits"));
  CHECK(kit::KeyMismatch(Tls("shop.crt"), "hunter2") ==
        "the key is not an unencrypted PEM private key");
}
