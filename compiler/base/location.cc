#include "compiler/base/location.h"

#include <algorithm>

namespace kilter::compiler {

namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// The code-point column of byte `offset`, which lies on 1-based `line`.
uint32_t ColumnOf(const SourceFile& file, uint32_t line, uint32_t offset) {
  std::string_view text = file.Line(line);
  uint32_t line_begin = static_cast<uint32_t>(text.data() - file.text().data());
  uint32_t bytes = std::min<uint32_t>(offset - line_begin, static_cast<uint32_t>(text.size()));
  return CodePoints(text.substr(0, bytes)) + 1 + (offset - line_begin - bytes);
}

}  // namespace

uint32_t CodePoints(std::string_view text) {
  uint32_t n = 0;
  for (char c : text) n += IsContinuation(c) ? 0 : 1;
  return n;
}

Location Locate(const Span& span) {
  Location loc;
  if (!span.valid()) return loc;
  const SourceFile& file = *span.file;
  uint32_t size = static_cast<uint32_t>(file.text().size());
  uint32_t begin = std::min(span.begin, size);
  uint32_t end = std::clamp(span.end, begin, size);
  loc.file = file.path();
  loc.line = file.Position(begin).line;
  loc.column = ColumnOf(file, loc.line, begin);
  loc.end_line = file.Position(end).line;
  loc.end_column = ColumnOf(file, loc.end_line, end);
  return loc;
}

uint32_t OffsetOf(const SourceFile& file, uint32_t line, uint32_t column) {
  std::string_view text = file.Line(line);
  if (text.data() == nullptr) return static_cast<uint32_t>(file.text().size());
  uint32_t offset = static_cast<uint32_t>(text.data() - file.text().data());
  uint32_t seen = 1;
  size_t i = 0;
  while (i < text.size() && seen < column) {
    ++i;
    while (i < text.size() && IsContinuation(text[i])) ++i;
    ++seen;
  }
  return offset + static_cast<uint32_t>(i);
}

}  // namespace kilter::compiler
