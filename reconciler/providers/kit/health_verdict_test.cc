#include "reconciler/providers/kit/health_verdict.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

namespace {

HealthCheck Http(std::optional<int64_t> max_latency = std::nullopt) {
  HealthCheck c;
  c.name = "shop";
  c.probe = Probe::kHttp;
  c.target = "http://127.0.0.1:8080/health";
  c.max_latency_ms = max_latency;
  return c;
}

Measurement Timed(std::vector<double> ms, int status = 200) {
  Measurement m;
  for (double t : ms) m.samples.push_back({0, status, t, ""});
  m.body = "ok\n";
  return m;
}

}  // namespace

TEST_CASE("kit: health probe: curl's lines become samples, the body follows them", "[health]") {
  Measurement m = ParseProbe(Probe::kHttp,
                             "sample 0 200 0.003512 \n"
                             "sample 7 000 0.000210 curl: (7) Failed to connect to 127.0.0.1 "
                             "port 9 after 0 ms: Couldn't connect to server\t\n"
                             "body\n"
                             "ok\nsecond line\n");
  REQUIRE(m.samples.size() == 2);
  CHECK(m.samples[0].exit_code == 0);
  CHECK(m.samples[0].status == 200);
  CHECK(m.samples[0].ms == Approx(3.512));
  CHECK(m.samples[0].error.empty());
  CHECK(m.samples[1].exit_code == 7);
  CHECK(m.samples[1].status == 0);
  CHECK(m.samples[1].error ==
        "curl: (7) Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server");
  CHECK(m.body == "ok\nsecond line\n");
}

TEST_CASE("kit: health probe: tcp and tls errors keep only the reason", "[health]") {
  Measurement tcp =
      ParseProbe(Probe::kTcp,
                 "sample 1 - 0 kilter-probe: connect: Connection refused\t"
                 "kilter-probe: line 1: /dev/tcp/127.0.0.1/9: Connection refused\t\n");
  REQUIRE(tcp.samples.size() == 1);
  CHECK(tcp.samples[0].error == "connect: Connection refused");

  Measurement tls = ParseProbe(
      Probe::kTls,
      "sample 1 - 0 depth=0 CN = other.example\tverify error:num=62:hostname mismatch\t"
      "40C7:error:0A000086:SSL routines:tls_post_process_server_certificate:certificate verify "
      "failed:../ssl/statem/statem_clnt.c:1889:\t\n"
      "sample 1 - 0 40378B96AE7F0000:error:8000006F:system library:BIO_connect:Connection "
      "refused:../crypto/bio/bio_sock2.c:117:calling connect()\tconnect:errno=111\t\n");
  REQUIRE(tls.samples.size() == 2);
  CHECK(tls.samples[0].error == "certificate verify failed: hostname mismatch");
  CHECK(tls.samples[1].error == "Connection refused");
}

TEST_CASE("kit: health probe: output that is not a sample is an error", "[health]") {
  CHECK_THROWS_WITH(ParseProbe(Probe::kHttp, "sample zero\n"),
                    "unexpected probe output \"sample zero\"");
}

TEST_CASE("kit: health probe: the median and the worst of the samples that connected", "[health]") {
  Verdict v = Judge(Http(), Timed({5, 1, 3, 2, 40}));
  CHECK(v.problems.empty());
  CHECK(v.answered == 5);
  CHECK(v.median_ms == 3);
  CHECK(v.worst_ms == 40);
  CHECK(v.Latencies() == "median 3.0 ms, worst 40 ms over 5 samples");
  CHECK(Judge(Http(), Timed({10, 20, 30, 41})).median_ms == 25);
}

TEST_CASE("kit: health probe: a median over max_latency is slow; one slow sample is not", "[health]") {
  CHECK(Judge(Http(100), Timed({20, 30, 250, 25, 22})).problems.empty());
  Verdict slow = Judge(Http(100), Timed({203, 205, 210, 201, 204}));
  CHECK(slow.problems == std::vector<std::string>{
                             "http://127.0.0.1:8080/health is slow: median 204 ms, worst 210 ms "
                             "over 5 samples, target 100 ms"});
  // Slow, but every answer was right: it succeeded, so only a latency alert fires.
  CHECK(slow.succeeded);
}

TEST_CASE("kit: health probe: max_worst judges the slowest sample", "[health]") {
  HealthCheck c = Http(100);
  c.max_worst_ms = 200;
  Verdict v = Judge(c, Timed({20, 30, 250, 25, 22}));
  CHECK(v.problems == std::vector<std::string>{
                          "http://127.0.0.1:8080/health has a slow sample: median 25 ms, worst "
                          "250 ms over 5 samples, max_worst 200 ms"});
}

TEST_CASE("kit: health probe: failed samples, a wrong status and a wrong body each say so", "[health]") {
  Measurement m = Timed({3, 4, 5}, 503);
  m.samples.push_back({7, 0, 0.2, "curl: (7) Failed to connect"});
  m.body = "Service Unavailable";
  HealthCheck c = Http();
  c.expect_body = "ok";
  CHECK(Judge(c, m).problems ==
        std::vector<std::string>{
            "http://127.0.0.1:8080/health: 1 of 4 samples failed: curl: (7) Failed to connect",
            "http://127.0.0.1:8080/health: answered 503, expected 200 (3 of 4 samples)",
            "http://127.0.0.1:8080/health: the body does not contain \"ok\"; it begins "
            "\"Service Unavailable\""});
  CHECK_FALSE(Judge(c, m).succeeded);
  m.samples.pop_back();
  m.body = "ok";
  CHECK_FALSE(Judge(c, m).succeeded);  // the status alone fails it
}

TEST_CASE("kit: health probe: expect_body between slashes is a regular expression", "[health]") {
  HealthCheck c = Http();
  c.expect_body = "/^ok( |$)/";
  Measurement m = Timed({1});
  m.body = "ok 42";
  CHECK(Judge(c, m).problems.empty());
  m.body = "status\nok\n";
  CHECK(Judge(c, m).problems.empty());
  m.body = "okay";
  CHECK(Judge(c, m).problems ==
        std::vector<std::string>{"http://127.0.0.1:8080/health: the body does not match "
                                 "\"/^ok( |$)/\"; it begins \"okay\""});
}

TEST_CASE("kit: health probe: a closed port fails every sample and has no latency", "[health]") {
  HealthCheck c;
  c.probe = Probe::kTcp;
  c.target = "127.0.0.1:9";
  c.max_latency_ms = 100;
  Measurement m;
  for (int i = 0; i < 5; ++i) m.samples.push_back({1, 0, 0, "connect: Connection refused"});
  Verdict v = Judge(c, m);
  CHECK(v.problems ==
        std::vector<std::string>{"tcp 127.0.0.1:9: 5 samples failed: connect: Connection refused"});
  CHECK(v.Latencies() == "no sample connected");
  CHECK_FALSE(v.succeeded);
}

TEST_CASE("kit: health probe: latencies under 10 ms keep a decimal", "[health]") {
  CHECK(Millis(0.42) == "0.4 ms");
  CHECK(Millis(9.96) == "10.0 ms");
  CHECK(Millis(203.4) == "203 ms");
}

}  // namespace kilter::reconciler::kit
