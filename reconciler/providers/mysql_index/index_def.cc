#include "reconciler/providers/mysql_index/index_def.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "compiler/catalog/text.h"

namespace kilter::reconciler::mysql {

namespace {

constexpr std::string_view kMarkPrefix = "kilter:";
constexpr std::string_view kMarkSeparator = " | ";

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

std::optional<KeyPart> ParseKeyPart(const std::string& text, std::string& error) {
  std::string s = catalog::Trim(text);
  KeyPart part;
  size_t i = 0;
  if (!s.empty() && s[0] == '`') {
    i = 1;
    bool closed = false;
    while (i < s.size()) {
      if (s[i] == '`' && i + 1 < s.size() && s[i + 1] == '`') {
        part.column += '`';
        i += 2;
      } else if (s[i] == '`') {
        closed = true;
        ++i;
        break;
      } else {
        part.column += s[i++];
      }
    }
    if (!closed) {
      error = "unterminated `quoted` column name";
      return std::nullopt;
    }
  } else {
    while (i < s.size() && IsIdentChar(s[i])) part.column += s[i++];
  }
  if (part.column.empty()) {
    error = "expected a column name";
    return std::nullopt;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && s[i] == '(') {
    size_t close = s.find(')', i);
    std::string digits = close == std::string::npos ? "" : catalog::Trim(s.substr(i + 1, close - i - 1));
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit) ||
        digits.size() > 5 || std::stoi(digits) == 0) {
      error = "a prefix length is a positive number in parentheses, as in name(32)";
      return std::nullopt;
    }
    part.prefix = std::stoi(digits);
    i = close + 1;
  }
  std::string order = catalog::Lower(catalog::Trim(s.substr(i)));
  if (order == "desc") {
    part.desc = true;
  } else if (!order.empty() && order != "asc") {
    error = fmt::format("unexpected '{}' after the column (only ASC or DESC may follow)",
                        catalog::Trim(s.substr(i)));
    return std::nullopt;
  }
  return part;
}

std::string FormatKeyPart(const KeyPart& part) {
  bool plain = std::all_of(part.column.begin(), part.column.end(), IsIdentChar);
  std::string out = plain ? part.column : QuoteIdent(part.column);
  if (part.prefix > 0) out += fmt::format("({})", part.prefix);
  if (part.desc) out += " DESC";
  return out;
}

std::string SqlKeyPart(const KeyPart& part) {
  std::string out = QuoteIdent(part.column);
  if (part.prefix > 0) out += fmt::format("({})", part.prefix);
  if (part.desc) out += " DESC";
  return out;
}

std::string FormatParts(const std::vector<KeyPart>& parts) {
  std::string out = "(";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += ", ";
    out += FormatKeyPart(parts[i]);
  }
  return out + ")";
}

bool SameName(const std::string& a, const std::string& b) { return catalog::Lower(a) == catalog::Lower(b); }

bool SameStructure(const IndexDef& a, const IndexDef& b) {
  if (a.unique != b.unique || a.type != b.type || a.parts.size() != b.parts.size()) return false;
  for (size_t i = 0; i < a.parts.size(); ++i) {
    const KeyPart& x = a.parts[i];
    const KeyPart& y = b.parts[i];
    if (!SameName(x.column, y.column) || x.prefix != y.prefix || x.desc != y.desc) return false;
  }
  return true;
}

std::string MarkedComment(const std::string& user_comment, const std::string& resource) {
  std::string mark = std::string(kMarkPrefix) + resource;
  if (user_comment.empty()) return mark;
  return user_comment + std::string(kMarkSeparator) + mark;
}

ParsedComment ParseComment(const std::string& comment) {
  if (comment.rfind(kMarkPrefix, 0) == 0) return {"", comment.substr(kMarkPrefix.size())};
  std::string sep = std::string(kMarkSeparator) + std::string(kMarkPrefix);
  size_t at = comment.rfind(sep);
  if (at == std::string::npos) return {comment, ""};
  return {comment.substr(0, at), comment.substr(at + sep.size())};
}

nlohmann::json ToJson(const IndexDef& def) {
  nlohmann::json parts = nlohmann::json::array();
  for (const KeyPart& p : def.parts) parts.push_back(FormatKeyPart(p));
  return {{"name", def.name},       {"columns", parts}, {"unique", def.unique},
          {"type", def.type},       {"comment", def.comment}, {"ignored", def.ignored}};
}

IndexDef IndexDefFromJson(const nlohmann::json& json) {
  IndexDef def;
  def.name = json.value("name", "");
  def.unique = json.value("unique", false);
  def.type = json.value("type", "BTREE");
  def.comment = json.value("comment", "");
  def.ignored = json.value("ignored", false);
  for (const auto& c : json.value("columns", nlohmann::json::array())) {
    std::string error;
    if (auto part = ParseKeyPart(c.get<std::string>(), error)) def.parts.push_back(*part);
  }
  return def;
}

}  // namespace kilter::reconciler::mysql
