#include "reconciler/providers/kit/health_probe.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

TEST_CASE("kit: health probe: the probe scripts name the tool each kind needs", "[kit][health]") {
  HealthSettings s{"curl", "openssl", "bash"};
  HealthCheck tls;
  tls.probe = Probe::kTls;
  tls.target = "[::1]:8443";
  tls.server_name = "shop.example";
  tls.ca_file = "/etc/kilter/ca.pem";
  std::string script = ProbeScript(tls, s);
  CHECK(script.find("command -v openssl") != std::string::npos);
  CHECK(script.find("command -v timeout") != std::string::npos);
  CHECK(script.find("command -v bash") != std::string::npos);
  CHECK(script.find("-verify_hostname \"$2\"") != std::string::npos);
  CHECK(script.find("'[::1]:8443' shop.example /etc/kilter/ca.pem openssl") != std::string::npos);
  CHECK(SplitHostPort("[::1]:8443") == std::pair<std::string, std::string>{"::1", "8443"});
  CHECK(tls.Describe() == "tls [::1]:8443 as shop.example");
}

}  // namespace kilter::reconciler::kit
