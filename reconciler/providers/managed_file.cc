#include "reconciler/providers/managed_file.h"

#include <cstdint>

#include <fmt/format.h>

namespace kilter::reconciler {

namespace {

constexpr std::string_view kMarkPrefix = "# Managed by kilter: ";
constexpr std::string_view kMarkSuffix = ". Changes made here are drift.";
constexpr std::string_view kFingerprintPrefix = "# kilter-fingerprint: ";

}  // namespace

std::string Fingerprint(std::string_view content) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : content) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return fmt::format("{:016x}", hash);
}

std::string MarkLine(const std::string& address) {
  return fmt::format("{}{}{}", kMarkPrefix, address, kMarkSuffix);
}

std::string Seal(const std::string& header, const std::string& body) {
  return fmt::format("{}{}{}\n{}", header, kFingerprintPrefix, Fingerprint(header + body), body);
}

bool WrittenByKilter(const std::string& content) {
  size_t at = content.find(kFingerprintPrefix);
  if (at == std::string::npos) return false;
  size_t end = content.find('\n', at);
  if (end == std::string::npos) return false;
  size_t value = at + kFingerprintPrefix.size();
  return content.substr(value, end - value) ==
         Fingerprint(content.substr(0, at) + content.substr(end + 1));
}

std::string MarkedAddress(const std::string& content) {
  // The mark is the first line, or the second after a #! line.
  size_t at = 0;
  if (content.compare(0, kMarkPrefix.size(), kMarkPrefix) != 0) {
    at = content.find('\n');
    if (at == std::string::npos || content.compare(++at, kMarkPrefix.size(), kMarkPrefix) != 0) {
      return {};
    }
  }
  size_t end = content.find('\n', at);
  std::string_view line(content.data() + at, (end == std::string::npos ? content.size() : end) - at);
  if (line.size() < kMarkPrefix.size() + kMarkSuffix.size() ||
      line.substr(line.size() - kMarkSuffix.size()) != kMarkSuffix) {
    return {};
  }
  return std::string(line.substr(kMarkPrefix.size(),
                                 line.size() - kMarkPrefix.size() - kMarkSuffix.size()));
}

std::string HeaderValue(const std::string& content, const std::string& key) {
  std::string prefix = "# kilter-" + key + ": ";
  size_t at = content.rfind(prefix, 0) == 0 ? 0 : content.find("\n" + prefix);
  if (at == std::string::npos) return {};
  if (at != 0) ++at;
  size_t value = at + prefix.size();
  size_t end = content.find('\n', value);
  return content.substr(value, end == std::string::npos ? std::string::npos : end - value);
}

std::string NameInAddress(const std::string& address, const std::string& type,
                          const std::string& host) {
  std::string prefix = type + " \"";
  std::string suffix = "\" @ " + host;
  if (address.size() <= prefix.size() + suffix.size() || address.rfind(prefix, 0) != 0 ||
      address.compare(address.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return {};
  }
  return address.substr(prefix.size(), address.size() - prefix.size() - suffix.size());
}

}  // namespace kilter::reconciler
