#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "reconciler/transport/transport.h"

/// The framing protocol the SSH transport speaks with one long-lived
/// `/bin/sh` on the host (docs/transports.md). Each request is a block of sh
/// text the shell reads from its stdin and runs; the block ends by printing a
/// trailer with a fresh random token on stdout (with the exit code) and on
/// stderr, so the client knows where a command's output ends without any
/// length known in advance. Payloads travel base64-encoded in here-documents
/// delimited by the same token, so any bytes (NUL included) get through.
namespace kilter::reconciler::shell_protocol {

/// The exit code a request uses for "the path does not exist".
inline constexpr int kMissing = 3;

/// A fresh token: "KILTER_" and 32 random hex digits. Fresh per request, so
/// no file content can know it in advance and fake a trailer.
std::string NewToken();

/// `body` as one request: run with stdin from /dev/null (the shell's own
/// stdin is the protocol stream), then the trailers.
std::string Frame(const std::string& body, const std::string& token);

/// The first request: defines the helpers and prints "pid " and the shell's pid.
std::string Bootstrap(const std::string& token);

/// The body that runs `command`: argv via `exec` in a subshell (never a
/// builtin or function), shell text in a new `/bin/sh -c` (its own $$, and
/// an `exit` or a syntax error ends only that shell), stdin from a
/// here-document: as it is when it is text that a here-document carries
/// exactly (no NUL, a newline at the end, no line that is `token`), else
/// base64-encoded and decoded by `base64 -d` (one more process on the host).
std::string RunBody(const Command& command, const std::string& token);

/// Prints the file, or exits kMissing.
std::string ReadFileBody(const std::string& path);

/// Prints "MODE UID GID SIZE OWNER GROUP TYPE", or exits kMissing.
std::string StatBody(const std::string& path);

/// Writes a temp file beside `path` (created exclusively, 0600), sets owner
/// and mode, fsyncs it, renames it over `path`, fsyncs the directory; removes
/// the temp file on any failure.
std::string WriteFileBody(const std::string& path, const std::string& content,
                          const WriteOptions& options, const std::string& token,
                          const std::string& temp_suffix);

std::string RemoveBody(const std::string& path);

/// The output of StatBody as a FileStat; nullopt when it is not that shape.
std::optional<FileStat> ParseStat(std::string_view out);

/// Collects one response from the two streams, in whatever pieces the
/// channel delivers them, and finds the trailers.
class ResponseReader {
 public:
  explicit ResponseReader(std::string token);

  void AddOut(std::string_view data);
  void AddErr(std::string_view data);

  /// Both trailers seen.
  bool done() const { return out_end_ != std::string::npos && err_end_ != std::string::npos; }
  /// The response so far: output before the trailers, the exit code once
  /// known. Moves the buffers out.
  CommandResult Take();

 private:
  std::string out_marker_;  ///< "\n" token " " (then the exit code and "\n")
  std::string err_marker_;  ///< "\n" token "\n"
  std::string out_;
  std::string err_;
  size_t out_scan_ = 0;
  size_t err_scan_ = 0;
  size_t out_end_ = std::string::npos;
  size_t err_end_ = std::string::npos;
  int exit_code_ = -1;
};

}  // namespace kilter::reconciler::shell_protocol
