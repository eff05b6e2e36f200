#include "compiler/base/render_text.h"

#include <fmt/format.h>

#include "compiler/base/location.h"

namespace kilter::compiler {

namespace {

constexpr int kTabWidth = 4;

constexpr const char* kBold = "\033[1m";
constexpr const char* kRed = "\033[1;31m";
constexpr const char* kYellow = "\033[1;33m";
constexpr const char* kCyan = "\033[1;36m";
constexpr const char* kGreen = "\033[1;32m";
constexpr const char* kBlue = "\033[1;34m";
constexpr const char* kReset = "\033[0m";

/// Decodes the UTF-8 sequence at `text[i]`, advancing `i`; invalid bytes decode
/// as themselves so a broken file still renders.
char32_t Decode(std::string_view text, size_t& i) {
  unsigned char c = static_cast<unsigned char>(text[i++]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  char32_t cp = extra == 3 ? c & 0x07 : extra == 2 ? c & 0x0F : extra == 1 ? c & 0x1F : c;
  for (; extra > 0 && i < text.size(); --extra) {
    unsigned char next = static_cast<unsigned char>(text[i]);
    if ((next & 0xC0) != 0x80) break;
    cp = (cp << 6) | (next & 0x3F);
    ++i;
  }
  return cp;
}

/// Terminal cells of a code point: 0 for combining marks, 2 for East Asian
/// wide characters and emoji, 1 otherwise.
int CellWidth(char32_t cp) {
  if (cp >= 0x0300 && cp <= 0x036F) return 0;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

/// A source line as the terminal shows it, and the cell where each byte starts.
struct DisplayLine {
  std::string text;
  std::vector<uint32_t> cell;  ///< cell[i]: display cell of byte i; cell[size]: the end
};

DisplayLine Expand(std::string_view line) {
  DisplayLine out;
  out.cell.assign(line.size() + 1, 0);
  uint32_t cells = 0;
  size_t i = 0;
  while (i < line.size()) {
    size_t start = i;
    char32_t cp = Decode(line, i);
    for (size_t b = start; b < i; ++b) out.cell[b] = cells;
    if (cp == '\t') {
      int pad = kTabWidth - static_cast<int>(cells % kTabWidth);
      out.text.append(pad, ' ');
      cells += pad;
    } else {
      out.text.append(line.substr(start, i - start));
      cells += CellWidth(cp);
    }
  }
  out.cell[line.size()] = cells;
  return out;
}

class Writer {
 public:
  explicit Writer(const TextStyle& style) : style_(style) {}

  std::string Paint(const char* color, std::string_view text) const {
    if (!style_.color) return std::string(text);
    return fmt::format("{}{}{}", color, text, kReset);
  }

  /// The `FILE:LINE:COL: ` prefix of a heading, or "kilter: " for no location.
  std::string Where(const Span& span) const {
    if (!span.valid()) return Paint(kBold, "kilter:") + " ";
    Location loc = Locate(span);
    return Paint(kBold, fmt::format("{}:{}:{}:", loc.file, loc.line, loc.column)) + " ";
  }

  /// The source line of the span's start with the caret and tildes under it.
  /// A span running past its first line is underlined to the end of that line.
  void Snippet(const Span& span, const char* color, std::string& out) const {
    if (!span.valid()) return;
    const SourceFile& file = *span.file;
    uint32_t size = static_cast<uint32_t>(file.text().size());
    uint32_t begin = std::min(span.begin, size);
    uint32_t line_no = file.Position(begin).line;
    std::string_view line = file.Line(line_no);
    uint32_t line_begin = static_cast<uint32_t>(line.data() - file.text().data());
    uint32_t from = std::min<uint32_t>(begin - line_begin, static_cast<uint32_t>(line.size()));
    uint32_t end = std::max(std::min(span.end, size), begin);
    uint32_t to = std::min<uint32_t>(end - line_begin, static_cast<uint32_t>(line.size()));
    DisplayLine shown = Expand(line);
    uint32_t first = shown.cell[from];
    uint32_t width = to > from ? shown.cell[to] - first : 0;
    std::string number = std::to_string(line_no);
    std::string gutter(number.size() + 2, ' ');
    out += Paint(kBlue, fmt::format(" {} |", number));
    if (!shown.text.empty()) out += " " + shown.text;
    out += "\n";
    std::string underline = "^" + std::string(width > 1 ? width - 1 : 0, '~');
    out += Paint(kBlue, gutter + "|") + " " + std::string(first, ' ') + Paint(color, underline) +
           "\n";
  }

 private:
  const TextStyle& style_;
};

std::string Plural(size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

std::string RenderText(const Diagnostic& diag, const TextStyle& style) {
  Writer w(style);
  const char* color = diag.severity == Severity::kError     ? kRed
                      : diag.severity == Severity::kWarning ? kYellow
                                                            : kCyan;
  const char* label = diag.severity == Severity::kError     ? "error"
                      : diag.severity == Severity::kWarning ? "warning"
                                                            : "note";
  std::string heading = diag.code.empty() ? label : fmt::format("{}[{}]", label, diag.code);
  std::string out = w.Where(diag.span) + w.Paint(color, heading) + ": " +
                    w.Paint(kBold, diag.message) + "\n";
  w.Snippet(diag.span, kGreen, out);
  if (!diag.hint.empty()) out += "  = " + w.Paint(kCyan, "hint") + ": " + diag.hint + "\n";
  for (const RelatedSpan& related : diag.related) {
    out += w.Where(related.span) + w.Paint(kCyan, "note") + ": " + related.message + "\n";
    w.Snippet(related.span, kCyan, out);
  }
  return out;
}

std::string Summary(const Diagnostics& diags) {
  std::string out = Plural(diags.error_count(), "error") + ", " +
                    Plural(diags.warning_count(), "warning");
  if (!diags.accepted().empty()) out += fmt::format(", {} accepted", diags.accepted().size());
  if (diags.dropped() > 0) {
    out += fmt::format(" ({} not shown: the limit was reached; see --max-errors)",
                       Plural(diags.dropped(), "error"));
  }
  return out;
}

std::string RenderText(const Diagnostics& diags, const TextStyle& style) {
  std::string out;
  for (const Diagnostic& d : diags.all()) out += RenderText(d, style);
  Writer w(style);
  // An accepted warning stays visible in one line: someone read it once and
  // wrote down why it stays.
  for (const AcceptedWarning& a : diags.accepted()) {
    out += w.Where(a.warning.span) + w.Paint(kCyan, fmt::format("accepted[{}]", a.warning.code)) +
           ": " + a.acceptance.reason + "\n";
  }
  out += w.Paint(kBold, Summary(diags)) + "\n";
  return out;
}

}  // namespace kilter::compiler
