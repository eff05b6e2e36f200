#include "reconciler/cli/webhook.h"

#include <set>
#include <string_view>

#include <fmt/format.h>

#include "reconciler/transport/subprocess.h"

namespace kilter::cli {

namespace {

/// curl's exit codes for failures that may pass: cannot resolve (6), cannot
/// connect (7), timed out (28), TLS handshake failed (35), empty reply (52),
/// send or receive failed (55, 56).
const std::set<int> kCurlTransient = {6, 7, 28, 35, 52, 55, 56};

/// Beyond --max-time, how long curl may take to start and stop before it is
/// killed.
constexpr std::chrono::milliseconds kCurlGrace{5000};

}  // namespace

std::string PostWithRetries(const PostOnce& post, const std::string& url, const std::string& body,
                            const RetryPolicy& policy, const Sleeper& sleep) {
  std::chrono::milliseconds wait = policy.backoff;
  PostAttempt attempt;
  int made = 0;
  while (made < policy.attempts) {
    if (made > 0) {
      sleep(wait);
      wait *= 2;
    }
    attempt = post(url, body);
    ++made;
    if (attempt.ok) return "";
    if (!attempt.retry) break;
  }
  if (made == 1) return attempt.reason;
  return fmt::format("{} (after {} attempts)", attempt.reason, made);
}

PostAttempt JudgeCurl(const reconciler::CommandResult& result) {
  if (result.exit_code == 127) {
    return {false, false,
            "curl is not installed on this controller: --notify posts with the "
            "curl program"};
  }
  if (result.exit_code == 124) return {false, true, "curl did not finish in time"};
  if (result.exit_code != 0) {
    std::string said = result.Said();
    return {false, kCurlTransient.count(result.exit_code) > 0,
            said.empty() ? fmt::format("curl exited {}", result.exit_code) : said};
  }
  int status = 0;
  std::string out = result.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  try {
    status = std::stoi(out);
  } catch (const std::exception&) {
    return {false, false, fmt::format("curl printed no HTTP status: \"{}\"", out)};
  }
  if (status >= 200 && status < 300) return {true, false, ""};
  return {false, status >= 500 || status == 429, fmt::format("HTTP {}", status)};
}

PostAttempt CurlPost(const std::string& url, const std::string& body,
                     std::chrono::milliseconds timeout) {
  std::string seconds = fmt::format("{:.3f}", timeout.count() / 1000.0);
  std::vector<std::string> argv = {"curl", "--silent", "--show-error", "--max-time", seconds};
  // Only HTTP(S), whatever the URL says.
  argv.insert(argv.end(), {"--proto", "=http,https", "--request", "POST"});
  argv.insert(argv.end(), {"--header", "Content-Type: application/json", "--data-binary", "@-"});
  argv.insert(argv.end(), {"--output", "/dev/null", "--write-out", "%{http_code}"});
  // --url keeps a URL from being read as an option.
  argv.insert(argv.end(), {"--url", url});
  PostAttempt attempt = JudgeCurl(reconciler::RunProcess(argv, body, timeout + kCurlGrace));
  // curl may quote the URL it was given; a message never shows its token.
  std::string shown = RedactUrl(url);
  for (size_t at = attempt.reason.find(url); at != std::string::npos;
       at = attempt.reason.find(url, at + shown.size())) {
    attempt.reason.replace(at, url.size(), shown);
  }
  return attempt;
}

std::string RedactUrl(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "(a URL without a scheme)";
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  size_t at = authority.rfind('@');
  std::string host = at == std::string::npos ? authority : authority.substr(at + 1);
  std::string shown = url.substr(0, start) + host;
  bool hidden = at != std::string::npos || (end != std::string::npos && end + 1 < url.size());
  return hidden ? shown + "/…" : shown;
}

}  // namespace kilter::cli
