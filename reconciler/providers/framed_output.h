#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kilter::reconciler {

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

}  // namespace kilter::reconciler
