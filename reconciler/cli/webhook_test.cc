#include "reconciler/cli/webhook.h"

#include <catch2/catch.hpp>

namespace kilter::cli {

namespace {

/// Answers each attempt with the next of `answers`, recording the waits.
struct Scripted {
  explicit Scripted(std::vector<PostAttempt> answers) : answers(std::move(answers)) {}

  std::vector<PostAttempt> answers;
  std::vector<std::chrono::milliseconds> waits;
  size_t made = 0;

  std::string Post() {
    return PostWithRetries(
        [this](const std::string&, const std::string&) { return answers.at(made++); },
        "http://hook", "{}", RetryPolicy{},
        [this](std::chrono::milliseconds w) { waits.push_back(w); });
  }
};

}  // namespace

TEST_CASE("webhook: retried with backoff on what may pass, at most 3 attempts", "[notify]") {
  Scripted busy{{{false, true, "HTTP 503"}, {false, true, "HTTP 500"}, {false, true, "HTTP 500"}}};
  CHECK(busy.Post() == "HTTP 500 (after 3 attempts)");
  CHECK(busy.made == 3);
  CHECK(busy.waits == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(1000),
                                                             std::chrono::milliseconds(2000)});

  Scripted recovers({{false, true, "HTTP 429"}, {true, false, ""}});
  CHECK(recovers.Post() == "");
  CHECK(recovers.made == 2);

  Scripted refused({{false, false, "HTTP 404"}});
  CHECK(refused.Post() == "HTTP 404");
  CHECK(refused.made == 1);
  CHECK(refused.waits.empty());
}

TEST_CASE("webhook: curl's result judged by exit code and HTTP status", "[notify]") {
  auto judge = [](int exit_code, std::string out, std::string err = "") {
    return JudgeCurl({exit_code, std::move(out), std::move(err)});
  };
  CHECK(judge(0, "200").ok);
  CHECK(judge(0, "204").ok);
  PostAttempt server = judge(0, "500");
  CHECK((!server.ok && server.retry && server.reason == "HTTP 500"));
  CHECK(judge(0, "429").retry);
  PostAttempt missing = judge(0, "404");
  CHECK((!missing.ok && !missing.retry && missing.reason == "HTTP 404"));
  PostAttempt down = judge(7, "000", "curl: (7) Failed to connect to 127.0.0.1 port 9\n");
  CHECK((!down.ok && down.retry));
  CHECK(down.reason == "curl: (7) Failed to connect to 127.0.0.1 port 9");
  CHECK(judge(28, "000", "curl: (28) Operation timed out").retry);
  CHECK_FALSE(judge(60, "000", "curl: (60) SSL certificate problem").retry);
  PostAttempt no_curl = judge(127, "", "curl: not found");
  CHECK((!no_curl.ok && !no_curl.retry));
  CHECK(no_curl.reason ==
        "curl is not installed on this controller: --notify "
        "posts with the curl program");
}

TEST_CASE("webhook: a URL in a message shows its host, never its token", "[notify]") {
  CHECK(RedactUrl("https://hooks.slack.com/services/T0/B0/XXXXSECRET") ==
        "https://hooks.slack.com/…");
  CHECK(RedactUrl("https://bot:tok3n@chat.example.com:8443/hooks/abc?token=t") ==
        "https://chat.example.com:8443/…");
  CHECK(RedactUrl("http://user:pw@127.0.0.1:8080") == "http://127.0.0.1:8080/…");
  CHECK(RedactUrl("http://127.0.0.1:8080/") == "http://127.0.0.1:8080");
  CHECK(RedactUrl("http://127.0.0.1:8080") == "http://127.0.0.1:8080");
  CHECK(RedactUrl("hooks.example.com/x") == "(a URL without a scheme)");
}

}  // namespace kilter::cli
