#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "reconciler/transport/transport.h"

/// Posting a JSON body to a webhook from the controller, with the `curl`
/// program (HTTP and HTTPS), retried on what may pass: a connection error,
/// a timeout, HTTP 5xx or 429.
namespace kilter::cli {

/// How one attempt went.
struct PostAttempt {
  bool ok = false;
  bool retry = false;  ///< worth another attempt
  std::string reason;  ///< why it failed: "HTTP 500", curl's own message, ...
};

/// One attempt: posts `body` to `url`.
using PostOnce = std::function<PostAttempt(const std::string& url, const std::string& body)>;

/// Waits between attempts (std::this_thread::sleep_for; a no-op in tests).
using Sleeper = std::function<void(std::chrono::milliseconds)>;

/// How often and how patiently to post.
struct RetryPolicy {
  int attempts = 3;
  std::chrono::milliseconds backoff{1000};  ///< before the 2nd attempt; doubled after each
};

/// Posts with `post` until an attempt succeeds, one fails for good, or
/// `policy.attempts` are spent. "" on success, else the last reason (with
/// "after N attempts" when retried).
std::string PostWithRetries(const PostOnce& post, const std::string& url, const std::string& body,
                            const RetryPolicy& policy, const Sleeper& sleep);

/// Reads the result of the curl command CurlPost runs (stdout is the HTTP
/// status code): 2xx is ok; 5xx, 429 and curl's connection and timeout
/// errors are worth a retry; curl missing (127) is said plainly.
PostAttempt JudgeCurl(const reconciler::CommandResult& result);

/// One attempt with the `curl` program: body on stdin, `--max-time timeout`;
/// `url` in curl's message is redacted. Throws std::system_error only when
/// the machine cannot start a process (RunProcess).
PostAttempt CurlPost(const std::string& url, const std::string& body,
                     std::chrono::milliseconds timeout);

/// `url` fit for a message: scheme, host and port only, the rest ("/…")
/// hidden, since webhook URLs carry their token in the user info, the path
/// or the query.
std::string RedactUrl(const std::string& url);

}  // namespace kilter::cli
