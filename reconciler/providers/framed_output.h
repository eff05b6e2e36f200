#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kilter::reconciler {

class Transport;

/// One record of a batched read: `@@kilter KIND KEY RC LENGTH\n` then LENGTH
/// bytes. One shell script emits many, so a whole read is one round trip.
struct Record {
  std::string kind;
  std::string key;
  int rc = 0;
  std::string data;
};

/// The shell function that emits a record from a file: `put KIND KEY RC FILE`.
extern const char* const kPutFunction;

/// Splits a batched read's stdout into records; throws std::runtime_error on
/// output that does not follow the framing (a truncated read).
std::vector<Record> ParseRecords(std::string_view out);

/// Runs a batched read (a /bin/sh script that emits records) on the host and
/// splits its output. Throws ProviderError "WHO: reading WHAT failed (exit N):
/// STDERR" when the script fails, "WHO: reading WHAT: ..." when its output is
/// not framed. WHO names the host or the resource.
std::vector<Record> ReadRecords(Transport& transport, std::string script, const std::string& who,
                                const std::string& what);

}  // namespace kilter::reconciler
