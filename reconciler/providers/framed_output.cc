#include "reconciler/providers/framed_output.h"

#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/provider.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler {

const char* const kPutFunction =
    "put() { printf '@@kilter %s %s %s %s\\n' \"$1\" \"$2\" \"$3\" \"$(wc -c < \"$4\")\"; "
    "cat \"$4\"; }\n";

namespace {

int ToInt(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw std::runtime_error("malformed read output: '" + std::string(text) + "' is not a number");
  }
  return value;
}

}  // namespace

std::vector<Record> ParseRecords(std::string_view out) {
  std::vector<Record> records;
  const std::string_view kMagic = "@@kilter ";
  size_t pos = 0;
  while (pos < out.size()) {
    if (out.substr(pos, kMagic.size()) != kMagic) {
      throw std::runtime_error("malformed read output at byte " + std::to_string(pos));
    }
    size_t eol = out.find('\n', pos);
    if (eol == std::string_view::npos) throw std::runtime_error("truncated read output");
    std::string_view header = out.substr(pos + kMagic.size(), eol - pos - kMagic.size());
    // KIND KEY RC LENGTH, where KEY may hold spaces: split off the ends.
    size_t kind_end = header.find(' ');
    size_t len_start = header.rfind(' ');
    size_t rc_start = header.rfind(' ', len_start - 1);
    if (kind_end == std::string_view::npos || rc_start <= kind_end) {
      throw std::runtime_error("malformed read header: " + std::string(header));
    }
    Record r;
    r.kind = header.substr(0, kind_end);
    r.key = header.substr(kind_end + 1, rc_start - kind_end - 1);
    r.rc = ToInt(header.substr(rc_start + 1, len_start - rc_start - 1));
    size_t length = static_cast<size_t>(ToInt(header.substr(len_start + 1)));
    if (eol + 1 + length > out.size()) throw std::runtime_error("truncated read output");
    r.data = out.substr(eol + 1, length);
    records.push_back(std::move(r));
    pos = eol + 1 + length;
  }
  return records;
}

std::vector<Record> ReadRecords(Transport& transport, std::string script, const std::string& who,
                                const std::string& what) {
  Command command;
  command.shell = std::move(script);
  CommandResult result = transport.Run(command);
  if (!result.ok()) {
    throw ProviderError(
        fmt::format("{}: reading {} failed (exit {}): {}", who, what, result.exit_code, result.err));
  }
  try {
    return ParseRecords(result.out);
  } catch (const std::runtime_error& e) {
    throw ProviderError(fmt::format("{}: reading {}: {}", who, what, e.what()));
  }
}

}  // namespace kilter::reconciler
