#include "reconciler/transport/known_hosts.h"

#include <algorithm>
#include <cctype>

#include "reconciler/transport/base64.h"
#include "reconciler/transport/digest.h"

namespace kilter::reconciler {
namespace {

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

/// OpenSSH's match_pattern: `*` matches any run, `?` any one character.
bool Wildcard(std::string_view text, std::string_view pattern) {
  size_t t = 0, p = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++t;
      ++p;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool MatchesHashed(std::string_view field, const std::string& name) {
  // |1|base64(salt)|base64(HMAC-SHA1(salt, name))
  std::string_view rest = field.substr(3);
  size_t bar = rest.find('|');
  if (bar == std::string_view::npos) return false;
  auto salt = Base64Decode(rest.substr(0, bar));
  auto hash = Base64Decode(rest.substr(bar + 1));
  return salt && hash && HmacSha1(*salt, name) == *hash;
}

bool MatchesPatterns(std::string_view patterns, const std::string& name) {
  std::string host = Lower(name);
  bool matched = false;
  size_t start = 0;
  while (start <= patterns.size()) {
    size_t comma = patterns.find(',', start);
    if (comma == std::string_view::npos) comma = patterns.size();
    std::string_view pattern = patterns.substr(start, comma - start);
    start = comma + 1;
    bool negated = !pattern.empty() && pattern[0] == '!';
    if (negated) pattern.remove_prefix(1);
    if (pattern.empty() || !Wildcard(host, Lower(pattern))) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

}  // namespace

std::vector<KnownHostEntry> ParseKnownHosts(std::string_view text) {
  std::vector<KnownHostEntry> entries;
  int number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    std::vector<std::string_view> fields = Fields(line);
    if (fields.empty() || fields[0][0] == '#') continue;
    KnownHostEntry entry;
    entry.line = number;
    size_t at = 0;
    if (fields[0][0] == '@') {
      if (fields[0] == "@revoked") {
        entry.marker = KnownHostEntry::Marker::kRevoked;
      } else if (fields[0] == "@cert-authority") {
        entry.marker = KnownHostEntry::Marker::kCertAuthority;
      } else {
        continue;
      }
      at = 1;
    }
    if (fields.size() < at + 3) continue;
    auto key = Base64Decode(fields[at + 2]);
    if (!key || KeyTypeOfBlob(*key) != fields[at + 1]) continue;
    entry.patterns = fields[at];
    entry.key_type = fields[at + 1];
    entry.key = std::move(*key);
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::string KnownHostName(const std::string& host, int port) {
  if (port == 22) return host;
  return "[" + host + "]:" + std::to_string(port);
}

bool MatchesHost(const KnownHostEntry& entry, const std::string& name) {
  if (entry.patterns.rfind("|1|", 0) == 0) return MatchesHashed(entry.patterns, name);
  return MatchesPatterns(entry.patterns, name);
}

std::string KeyTypeOfBlob(std::string_view blob) {
  if (blob.size() < 4) return "";
  uint32_t len = static_cast<uint8_t>(blob[0]) << 24 | static_cast<uint8_t>(blob[1]) << 16 |
                 static_cast<uint8_t>(blob[2]) << 8 | static_cast<uint8_t>(blob[3]);
  if (len > blob.size() - 4) return "";
  return std::string(blob.substr(4, len));
}

std::string HostKeyFingerprint(std::string_view blob) {
  std::string b64 = Base64Encode(Sha256(blob));
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  return "SHA256:" + b64;
}

HostKeyVerdict CheckHostKey(const std::vector<KnownHostEntry>& entries, const std::string& name,
                            std::string_view blob) {
  using Status = HostKeyVerdict::Status;
  using Marker = KnownHostEntry::Marker;
  std::string type = KeyTypeOfBlob(blob);
  HostKeyVerdict verdict;
  for (const KnownHostEntry& entry : entries) {
    if (entry.marker == Marker::kRevoked && entry.key == blob && MatchesHost(entry, name)) {
      return {Status::kRevoked, &entry};
    }
  }
  for (const KnownHostEntry& entry : entries) {
    if (entry.marker != Marker::kNone || entry.key_type != type || !MatchesHost(entry, name)) {
      continue;
    }
    if (entry.key == blob) return {Status::kTrusted, &entry};
    if (verdict.status == Status::kUnknown) verdict = {Status::kChanged, &entry};
  }
  return verdict;
}

std::vector<std::string> TrustedKeyTypes(const std::vector<KnownHostEntry>& entries,
                                         const std::string& name) {
  std::vector<std::string> types;
  for (const KnownHostEntry& entry : entries) {
    if (entry.marker != KnownHostEntry::Marker::kNone || !MatchesHost(entry, name)) continue;
    if (std::find(types.begin(), types.end(), entry.key_type) == types.end()) {
      types.push_back(entry.key_type);
    }
  }
  return types;
}

}  // namespace kilter::reconciler
