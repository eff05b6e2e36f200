#include "reconciler/providers/kit/spec_text.h"

#include <stdexcept>

#include <fmt/format.h>

namespace kilter::reconciler::kit {

namespace {

/// `n` in the largest of `units` (value, suffix; largest first) that divides it.
std::string WithUnit(int64_t n, const std::vector<std::pair<int64_t, const char*>>& units) {
  for (const auto& [size, suffix] : units) {
    if (n != 0 && n % size == 0) return fmt::format("{}{}", n / size, suffix);
  }
  return fmt::format("{}{}", n, units.back().second);
}

/// Each line of `text` as a comment line.
std::string CommentLines(const std::string& text, const std::string& indent) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    out += indent + (line.empty() ? "#" : "# " + line) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string QuoteString(const std::string& text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '$': out += i + 1 < text.size() && text[i + 1] == '{' ? "\\$" : "$"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          throw std::invalid_argument(
              fmt::format("a string literal cannot hold the control character 0x{:02x}",
                          static_cast<unsigned char>(c)));
        }
        out += c;
    }
  }
  return out + "\"";
}

SpecValue SpecValue::String(const std::string& text) { return SpecValue(QuoteString(text)); }

SpecValue SpecValue::Int(int64_t n) { return SpecValue(std::to_string(n)); }

SpecValue SpecValue::Bool(bool b) { return SpecValue(b ? "true" : "false"); }

SpecValue SpecValue::Float(double d) {
  std::string text = fmt::format("{:.9f}", d);
  while (text.ends_with("0") && !text.ends_with(".0")) text.pop_back();
  return SpecValue(text);
}

SpecValue SpecValue::Size(uint64_t bytes) {
  return SpecValue(WithUnit(static_cast<int64_t>(bytes),
                            {{1LL << 40, "TiB"}, {1LL << 30, "GiB"}, {1LL << 20, "MiB"},
                             {1LL << 10, "KiB"}, {1, "B"}}));
}

SpecValue SpecValue::Duration(int64_t ms) {
  return SpecValue(WithUnit(
      ms, {{86400000, "d"}, {3600000, "h"}, {60000, "m"}, {1000, "s"}, {1, "ms"}}));
}

SpecValue SpecValue::List(const std::vector<SpecValue>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].text();
  return SpecValue(out + "]");
}

SpecValue SpecValue::Range(int64_t from, int64_t to) {
  return SpecValue(fmt::format("{}..{}", from, to));
}

SpecValue SpecValue::Object(const std::vector<SpecEntry>& entries) {
  if (entries.empty()) return SpecValue("{}");
  if (entries.size() == 1 && entries[0].comment.empty()) {
    return SpecValue("{ " + QuoteString(entries[0].key) + " = " + entries[0].value.text() + " }");
  }
  std::string out = "{\n";
  for (const SpecEntry& e : entries) {
    out += CommentLines(e.comment, "") + QuoteString(e.key) + " = " + e.value.text() + "\n";
  }
  return SpecValue(out + "}");
}

SpecValue SpecValue::Env(const std::string& variable) {
  return SpecValue("env(" + QuoteString(variable) + ")");
}

std::string RenderSpec(const std::string& header, const SpecFile& file) {
  std::string out = CommentLines(header, "") + CommentLines(file.notes, "");
  for (const SpecResource& r : file.resources) {
    out += "\n" + CommentLines(r.comment, "");
    out += fmt::format("{} {} on {} {{\n", r.type, QuoteString(r.name), r.host);
    for (const SpecField& f : r.fields) {
      out += CommentLines(f.comment, "  ");
      out += "  " + f.name + " = " + f.value.text() + "\n";
    }
    out += "}\n";
  }
  return out;
}

}  // namespace kilter::reconciler::kit
