#include "reconciler/providers/tls_certificate/served.h"

#include <catch2/catch.hpp>

using namespace kilter::reconciler;
using namespace kilter::reconciler::tls_certificate;

namespace {

const kit::Certificate kLeaf{"CN=shop.example", "aa11", 1799261033};  // 2027-01-06 18:43:53
const kit::Certificate kCa{"CN=Kilter Test CA", "bb22", 1796601600};   // 2026-12-07 00:00:00

}  // namespace

TEST_CASE("tls served: a failed handshake keeps s_client's last line", "[tls_certificate]") {
  Handshake h = ParseHandshake("", 1, "CONNECTED(00000003)\n40F7:error:0A000410:SSL routines"
                                      "::sslv3 alert handshake failure\n\n");
  CHECK(h.chain.empty());
  CHECK(h.error == "40F7:error:0A000410:SSL routines::sslv3 alert handshake failure");
  CHECK(ParseHandshake("shop.example", 124, "").error == "no handshake within 10 s");
  CHECK(ServedMismatches("aa11", {h}) ==
        std::vector<std::string>{"the handshake with no SNI failed (exit 1): 40F7:error:0A000410:"
                                 "SSL routines::sslv3 alert handshake failure"});
  CHECK(ServedMismatches("aa11", {{"shop.example", 0, {kLeaf, kCa}, ""}}).empty());
}

TEST_CASE("tls served: the earliest expiry of the chain counts", "[tls_certificate]") {
  std::optional<kit::Certificate> first = EarliestExpiry({kLeaf, kCa});
  REQUIRE(first);
  CHECK(first->subject == "CN=Kilter Test CA");
  CHECK_FALSE(EarliestExpiry({}));
  int64_t day = 86400;
  CHECK_FALSE(ExpiryProblem(kLeaf, kLeaf.not_after - 22 * day, 21 * day, "served"));
  CHECK(ExpiryProblem(kLeaf, kLeaf.not_after - 10 * day - 5, 21 * day, "served") ==
        "the served certificate CN=shop.example expires on 2027-01-06 18:43:53 UTC (10 days "
        "left), within renew_before (21 days): renew it");
  CHECK(ExpiryProblem(kCa, kCa.not_after + 1, 21 * day, "declared") ==
        "the declared certificate CN=Kilter Test CA expired on 2026-12-07 00:00:00 UTC");
}

TEST_CASE("tls served: only protocols left out are problems", "[tls_certificate]") {
  CHECK(OfferedProblems({}, {"TLSv1.3"}, 443).empty());
  std::vector<std::string> problems = OfferedProblems({"TLSv1.2"}, {"TLSv1.2", "TLSv1.3"}, 443);
  CHECK(problems.empty());
  problems = OfferedProblems({"TLSv1.1", "TLSv1.2"}, {"TLSv1.3"}, 8443);
  REQUIRE(problems.size() == 2);
  CHECK_THAT(problems[0], Catch::StartsWith("nginx accepts TLSv1.1 on port 8443, which protocols "
                                            "(TLSv1.3) leaves out"));
}
