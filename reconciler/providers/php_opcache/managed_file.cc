#include "reconciler/providers/php_opcache/managed_file.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reconciler/providers/managed_file.h"

namespace kilter::reconciler::php_opcache {

namespace {

// The wording of the shared mark (reconciler/providers/managed_file.h), with
// ';' comments, the only kind PHP's ini syntax documents.
constexpr const char* kMarkSuffix = ". Changes made here are drift.";
constexpr const char* kFingerprintPrefix = "; kilter-fingerprint: ";
constexpr int kHeaderLines = 2;

/// The text after the header's lines, or nullopt when the file is shorter.
std::optional<std::string> Body(const std::string& content) {
  size_t pos = 0;
  for (int i = 0; i < kHeaderLines; ++i) {
    pos = content.find('\n', pos);
    if (pos == std::string::npos) return std::nullopt;
    ++pos;
  }
  return content.substr(pos);
}

std::string Line(const std::string& content, int index) {
  size_t begin = 0;
  for (int i = 0; i < index; ++i) {
    begin = content.find('\n', begin);
    if (begin == std::string::npos) return "";
    ++begin;
  }
  size_t end = content.find('\n', begin);
  return content.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

}  // namespace

std::string RenderManagedFile(const std::string& name, const std::string& host,
                              const std::vector<IniLine>& lines) {
  std::string body;
  for (const auto& [directive, value] : lines) body += directive + "=" + value + "\n";
  return fmt::format("{}{} @ {}{}\n{}{}\n{}", kMarkPrefix, nlohmann::json(name).dump(), host,
                     kMarkSuffix, kFingerprintPrefix, Fingerprint(body), body);
}

std::optional<ManagedFile> ParseManagedFile(const std::string& path, const std::string& content) {
  std::string first = Line(content, 0);
  std::string prefix = kMarkPrefix;
  std::string suffix = kMarkSuffix;
  if (first.rfind(prefix, 0) != 0 || first.size() < prefix.size() + suffix.size() ||
      first.compare(first.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return std::nullopt;
  }
  first.resize(first.size() - suffix.size());
  // `"NAME" @ HOST`: the name is a JSON string, so it may hold any character.
  size_t at = first.rfind("\" @ ");
  if (at == std::string::npos || at < prefix.size()) return std::nullopt;
  ManagedFile file;
  file.path = path;
  file.content = content;
  try {
    file.name = nlohmann::json::parse(first.substr(prefix.size(), at + 1 - prefix.size()))
                    .get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  file.host = first.substr(at + 4);
  std::string second = Line(content, 1);
  if (second.rfind(kFingerprintPrefix, 0) == 0) {
    file.recorded_fingerprint = second.substr(std::string(kFingerprintPrefix).size());
  }
  std::optional<std::string> body = Body(content);
  file.intact = body && !file.recorded_fingerprint.empty() &&
                Fingerprint(*body) == file.recorded_fingerprint;
  return file;
}

std::string FileNameFor(const std::string& pattern, const std::string& name) {
  std::string safe;
  for (char c : name) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-';
    safe += keep ? c : '-';
  }
  std::string out = pattern;
  size_t pos = out.find("{name}");
  if (pos != std::string::npos) out.replace(pos, 6, safe);
  return out;
}

}  // namespace kilter::reconciler::php_opcache
