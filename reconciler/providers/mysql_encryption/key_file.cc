#include "reconciler/providers/mysql_encryption/key_file.h"

#include <regex>
#include <sstream>

#include <fmt/format.h>

namespace kilter::reconciler::mysql_encryption {

std::optional<std::string> KeyFileError(const std::string& content) {
  static const std::regex kLine(
      "([0-9]{1,10});([0-9A-Fa-f]{32}|[0-9A-Fa-f]{48}|[0-9A-Fa-f]{64})\r?");
  std::istringstream in(content);
  bool key1 = false;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::smatch m;
    if (!std::regex_match(line, m, kLine) || std::stoull(m[1].str()) == 0 ||
        std::stoull(m[1].str()) > 4294967295ULL) {
      return fmt::format(
          "line {} of the key is not `ID;HEX` (ID 1 to 4294967295, HEX a 128-, 192- or 256-bit "
          "key: 32, 48 or 64 hex digits, as `openssl rand -hex 32` prints)",
          number);
    }
    key1 = key1 || std::stoull(m[1].str()) == 1;
  }
  if (!key1) return "the key has no key 1 (`1;HEX`), the key InnoDB encrypts tables with";
  return std::nullopt;
}

}  // namespace kilter::reconciler::mysql_encryption
