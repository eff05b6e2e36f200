#include "reconciler/plan/fingerprint.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {

TEST_CASE("Fingerprint depends on every value of the JSON", "[fingerprint]") {
  nlohmann::json a = {{"mode", "0644"}, {"sha256", "x"}};
  nlohmann::json b = {{"mode", "0600"}, {"sha256", "x"}};
  CHECK(LiveFingerprint(a).rfind("sha256:", 0) == 0);
  CHECK(LiveFingerprint(a) == LiveFingerprint(a));
  CHECK(LiveFingerprint(a) != LiveFingerprint(b));
}

}  // namespace kilter::reconciler
