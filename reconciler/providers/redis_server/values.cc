#include "reconciler/providers/redis_server/values.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <utility>

namespace kilter::reconciler::redis_server {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/// One "double-quoted" word from `pos` (at the opening quote); false when
/// it does not close, or a blank does not follow the closing quote.
bool DoubleQuoted(const std::string& line, size_t& pos, std::string& word) {
  for (++pos; pos < line.size(); ++pos) {
    char c = line[pos];
    if (c == '"') {
      ++pos;
      return pos == line.size() || IsBlank(line[pos]);
    }
    if (c != '\\' || pos + 1 >= line.size()) {
      word += c;
      continue;
    }
    char e = line[++pos];
    if (e == 'x' && pos + 2 < line.size() && HexDigit(line[pos + 1]) >= 0 &&
        HexDigit(line[pos + 2]) >= 0) {
      word += static_cast<char>(HexDigit(line[pos + 1]) * 16 + HexDigit(line[pos + 2]));
      pos += 2;
    } else if (e == 'n') word += '\n';
    else if (e == 'r') word += '\r';
    else if (e == 't') word += '\t';
    else if (e == 'b') word += '\b';
    else if (e == 'a') word += '\a';
    else word += e;
  }
  return false;
}

bool SingleQuoted(const std::string& line, size_t& pos, std::string& word) {
  for (++pos; pos < line.size(); ++pos) {
    char c = line[pos];
    if (c == '\\' && pos + 1 < line.size() && line[pos + 1] == '\'') {
      word += '\'';
      ++pos;
    } else if (c == '\'') {
      ++pos;
      return pos == line.size() || IsBlank(line[pos]);
    } else {
      word += c;
    }
  }
  return false;
}

}  // namespace

std::optional<std::vector<std::string>> SplitConfigLine(const std::string& line) {
  std::vector<std::string> words;
  size_t pos = 0;
  while (true) {
    while (pos < line.size() && IsBlank(line[pos])) ++pos;
    if (pos >= line.size()) return words;
    std::string word;
    if (line[pos] == '"') {
      if (!DoubleQuoted(line, pos, word)) return std::nullopt;
    } else if (line[pos] == '\'') {
      if (!SingleQuoted(line, pos, word)) return std::nullopt;
    } else {
      while (pos < line.size() && !IsBlank(line[pos])) word += line[pos++];
    }
    words.push_back(std::move(word));
  }
}

std::string QuoteConfigWord(const std::string& word) {
  bool plain = !word.empty() && std::none_of(word.begin(), word.end(), [](char c) {
    return IsBlank(c) || c == '"' || c == '\'' || c == '\\' ||
           std::iscntrl(static_cast<unsigned char>(c));
  });
  if (plain) return word;
  std::string out = "\"";
  for (char c : word) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (std::iscntrl(static_cast<unsigned char>(c))) {
      static const char* kHex = "0123456789abcdef";
      unsigned char u = static_cast<unsigned char>(c);
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::optional<unsigned long long> MemoryBytes(const std::string& text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 19) return std::nullopt;
  unsigned long long n = std::stoull(text.substr(0, digits));
  std::string unit = Lower(text.substr(digits));
  static const std::pair<const char*, unsigned long long> kUnits[] = {
      {"", 1},           {"b", 1},           {"k", 1000ULL},
      {"kb", 1ULL << 10}, {"m", 1000000ULL},  {"mb", 1ULL << 20},
      {"g", 1000000000ULL}, {"gb", 1ULL << 30}};
  for (const auto& [name, factor] : kUnits) {
    if (unit == name) return n * factor;
  }
  return std::nullopt;
}

std::optional<std::string> CanonicalSave(const std::string& rules) {
  std::optional<std::vector<std::string>> words = SplitConfigLine(rules);
  if (!words) return std::nullopt;
  std::erase(*words, std::string());
  if (words->size() % 2 != 0) return std::nullopt;
  std::vector<std::pair<unsigned long long, unsigned long long>> pairs;
  for (size_t i = 0; i < words->size(); i += 2) {
    for (const std::string& w : {(*words)[i], (*words)[i + 1]}) {
      if (w.empty() || w.size() > 19 ||
          !std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        return std::nullopt;
      }
    }
    pairs.emplace_back(std::stoull((*words)[i]), std::stoull((*words)[i + 1]));
  }
  std::sort(pairs.begin(), pairs.end(), std::greater<>());
  std::string out;
  for (const auto& [seconds, changes] : pairs) {
    out += (out.empty() ? "" : " ") + std::to_string(seconds) + " " + std::to_string(changes);
  }
  return out;
}

std::string CollapseBlanks(const std::string& value) {
  std::string out;
  bool blank = false;
  for (char c : value) {
    if (IsBlank(c)) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

std::string CanonicalAny(const std::string& value) {
  std::string v = CollapseBlanks(value);
  std::string lower = Lower(v);
  if (lower == "yes" || lower == "true") return "yes";
  if (lower == "no" || lower == "false") return "no";
  if (std::optional<unsigned long long> bytes = MemoryBytes(v)) return std::to_string(*bytes);
  return v;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace kilter::reconciler::redis_server
