#include "reconciler/transport/known_hosts.h"

#include <catch2/catch.hpp>

#include "reconciler/transport/base64.h"

namespace kilter::reconciler {
namespace {

using Status = HostKeyVerdict::Status;

// Vectors made with OpenSSH: `ssh-keygen -l -E sha256` printed the
// fingerprint and `ssh-keygen -H` the hashed entry for [127.0.0.1]:21022.
constexpr char kKey[] = "AAAAC3NzaC1lZDI1NTE5AAAAIMut9agZawKMVn24NMFvd+c6Tej9iG6oCE8i20UN81wJ";
constexpr char kKeyFingerprint[] = "SHA256:M5r4xf4HgpT+QuD5TXKEQPcIBnTLogjbADJVi55RiH8";
constexpr char kHashedName[] = "|1|HdJvM/z+saUnsIAupSzE/1ansxw=|kh/tu/zvUMrG5fH0ab3WSzwPiEE=";
constexpr char kOtherKey[] = "AAAAC3NzaC1lZDI1NTE5AAAAIBaFmoMRUxPWiiWAQozhARuPQ43REZGkaHFu2B3s6orD";
constexpr char kEcdsaKey[] =
    "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBInO6POlHZ1z2vucFjF5rO1caVMiF3XeZLoZEeSw0z"
    "lbMHyotnvFHdNyn8ba35zM1CXyLC7RsdijARCUGTLHbCs=";

std::string Blob(const char* b64) { return *Base64Decode(b64); }

std::string Line(const std::string& hosts, const char* key, const std::string& type = "ssh-ed25519") {
  return hosts + " " + type + " " + key + "\n";
}

TEST_CASE("known_hosts: fingerprints match ssh-keygen", "[transport]") {
  CHECK(HostKeyFingerprint(Blob(kKey)) == kKeyFingerprint);
  CHECK(KeyTypeOfBlob(Blob(kKey)) == "ssh-ed25519");
  CHECK(KeyTypeOfBlob(Blob(kEcdsaKey)) == "ecdsa-sha2-nistp256");
  CHECK(KeyTypeOfBlob(std::string_view("\0\0\0\x09short", 9)).empty());
}

TEST_CASE("known_hosts: names carry the port unless it is 22", "[transport]") {
  CHECK(KnownHostName("10.0.0.1", 22) == "10.0.0.1");
  CHECK(KnownHostName("10.0.0.1", 2222) == "[10.0.0.1]:2222");
}

TEST_CASE("known_hosts: parsing skips what OpenSSH skips", "[transport]") {
  std::string text = "# comment\n\n" + Line("a.example,b.example", kKey) +
                     "@revoked * ssh-ed25519 " + kOtherKey + " old key\r\n" +
                     "@cert-authority *.example ssh-ed25519 " + kOtherKey + "\n" +
                     "@bogus x ssh-ed25519 " + kKey + "\n" +   // unknown marker
                     "short-line ssh-ed25519\n" +               // no key
                     "x ssh-rsa " + kKey + "\n" +               // type does not match the blob
                     "y ssh-ed25519 !!notbase64\n" + Line("[10.0.0.1]:2222", kEcdsaKey, "ecdsa-sha2-nistp256");
  std::vector<KnownHostEntry> entries = ParseKnownHosts(text);
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].patterns == "a.example,b.example");
  CHECK(entries[0].line == 3);
  CHECK(entries[0].key == Blob(kKey));
  CHECK(entries[1].marker == KnownHostEntry::Marker::kRevoked);
  CHECK(entries[1].line == 4);
  CHECK(entries[2].marker == KnownHostEntry::Marker::kCertAuthority);
  CHECK(entries[3].key_type == "ecdsa-sha2-nistp256");
  CHECK(entries[3].line == 10);
}

TEST_CASE("known_hosts: host patterns", "[transport]") {
  auto matches = [](const std::string& patterns, const std::string& name) {
    return MatchesHost(ParseKnownHosts(Line(patterns, kKey)).at(0), name);
  };
  CHECK(matches("web1,10.0.0.1", "10.0.0.1"));
  CHECK(matches("WEB1.Example", "web1.example"));
  CHECK(matches("*.example", "web1.example"));
  CHECK(matches("web?", "web1"));
  CHECK_FALSE(matches("web?", "web10"));
  CHECK_FALSE(matches("*.example,!db.example", "db.example"));
  CHECK(matches("*.example,!db.example", "web.example"));
  CHECK(matches("[127.0.0.1]:21022", "[127.0.0.1]:21022"));
  CHECK_FALSE(matches("127.0.0.1", "[127.0.0.1]:21022"));
  CHECK_FALSE(matches("[127.0.0.1]:21022", "127.0.0.1"));
}

TEST_CASE("known_hosts: hashed entries match by HMAC-SHA1", "[transport]") {
  KnownHostEntry entry = ParseKnownHosts(Line(kHashedName, kKey)).at(0);
  CHECK(MatchesHost(entry, "[127.0.0.1]:21022"));
  CHECK_FALSE(MatchesHost(entry, "[127.0.0.1]:21023"));
  CHECK_FALSE(MatchesHost(entry, "127.0.0.1"));
  KnownHostEntry broken = ParseKnownHosts(Line("|1|nobar", kKey)).at(0);
  CHECK_FALSE(MatchesHost(broken, "|1|nobar"));
}

TEST_CASE("known_hosts: verdicts", "[transport]") {
  const std::string name = "[127.0.0.1]:21022";
  SECTION("trusted") {
    auto entries = ParseKnownHosts(Line("other", kOtherKey) + Line(kHashedName, kKey));
    HostKeyVerdict verdict = CheckHostKey(entries, name, Blob(kKey));
    CHECK(verdict.status == Status::kTrusted);
    CHECK(verdict.entry->line == 2);
  }
  SECTION("unknown host") {
    auto entries = ParseKnownHosts(Line("other", kKey));
    CHECK(CheckHostKey(entries, name, Blob(kKey)).status == Status::kUnknown);
  }
  SECTION("known only by another key type: unknown, not changed") {
    auto entries = ParseKnownHosts(Line(name, kEcdsaKey, "ecdsa-sha2-nistp256"));
    CHECK(CheckHostKey(entries, name, Blob(kKey)).status == Status::kUnknown);
  }
  SECTION("changed") {
    auto entries = ParseKnownHosts(Line(name, kOtherKey));
    HostKeyVerdict verdict = CheckHostKey(entries, name, Blob(kKey));
    CHECK(verdict.status == Status::kChanged);
    CHECK(verdict.entry->key == Blob(kOtherKey));
  }
  SECTION("a matching line anywhere wins over a stale one") {
    auto entries = ParseKnownHosts(Line(name, kOtherKey) + Line(name, kKey));
    CHECK(CheckHostKey(entries, name, Blob(kKey)).status == Status::kTrusted);
  }
  SECTION("revoked wins even over a trusting line") {
    auto entries = ParseKnownHosts(Line(name, kKey) + "@revoked * ssh-ed25519 " + kKey + "\n");
    HostKeyVerdict verdict = CheckHostKey(entries, name, Blob(kKey));
    CHECK(verdict.status == Status::kRevoked);
    CHECK(verdict.entry->line == 2);
  }
  SECTION("a revocation for other hosts does not apply") {
    auto entries = ParseKnownHosts(Line(name, kKey) + "@revoked other ssh-ed25519 " + kKey + "\n");
    CHECK(CheckHostKey(entries, name, Blob(kKey)).status == Status::kTrusted);
  }
  SECTION("a CA line is not a host key") {
    auto entries = ParseKnownHosts("@cert-authority * ssh-ed25519 " + std::string(kKey) + "\n");
    CHECK(CheckHostKey(entries, name, Blob(kKey)).status == Status::kUnknown);
  }
}

TEST_CASE("known_hosts: trusted key types restrict the handshake", "[transport]") {
  const std::string name = "[127.0.0.1]:21022";
  auto entries = ParseKnownHosts(Line(name, kKey) + Line("*", kEcdsaKey, "ecdsa-sha2-nistp256") +
                                 Line(name, kOtherKey) + "@revoked nowhere ssh-ed25519 " + kOtherKey + "\n" +
                                 Line("other", kKey));
  CHECK(TrustedKeyTypes(entries, name) == std::vector<std::string>{"ssh-ed25519", "ecdsa-sha2-nistp256"});
  CHECK(TrustedKeyTypes(entries, "nowhere") == std::vector<std::string>{"ecdsa-sha2-nistp256"});
}

}  // namespace
}  // namespace kilter::reconciler
