#include "compiler/syntax/printer_output.h"

#include <algorithm>

namespace kilter::compiler::syntax {

namespace {
constexpr size_t kIndentWidth = 2;
const std::string kEmpty;
}  // namespace

void Output::Open() {
  if (open_) return;
  lines_.push_back({indent_, {}, {}});
  open_ = true;
  block_start_ = false;
}

void Output::Text(std::string_view text) {
  Open();
  lines_.back().text += text;
}

void Output::Newline() { open_ = false; }

void Output::BlankLine() {
  Newline();
  if (block_start_ || lines_.empty() || lines_.back().text.empty()) return;
  lines_.push_back({});
}

void Output::TrailingComment(std::string_view comment) {
  Open();
  lines_.back().comment = comment;
}

const std::string& Output::CurrentText() const { return open_ ? lines_.back().text : kEmpty; }

std::string Output::Finish() {
  Newline();
  while (!lines_.empty() && lines_.back().text.empty() && lines_.back().comment.empty()) {
    lines_.pop_back();
  }
  // End-of-line comments on consecutive lines of one indentation share a
  // column: two spaces after the longest line of the run.
  for (size_t i = 0; i < lines_.size();) {
    if (lines_[i].comment.empty()) {
      ++i;
      continue;
    }
    size_t j = i;
    size_t width = 0;
    while (j < lines_.size() && !lines_[j].comment.empty() &&
           lines_[j].indent == lines_[i].indent) {
      width = std::max(width, lines_[j].text.size());
      ++j;
    }
    for (size_t k = i; k < j; ++k) {
      Line& line = lines_[k];
      if (line.text.empty()) {
        line.text = line.comment;
      } else {
        line.text.append(width - line.text.size() + 2, ' ');
        line.text += line.comment;
      }
      line.comment.clear();
    }
    i = j;
  }
  std::string out;
  for (const Line& line : lines_) {
    if (!line.text.empty()) out.append(static_cast<size_t>(line.indent) * kIndentWidth, ' ');
    out += line.text;
    out += '\n';
  }
  return out;
}

}  // namespace kilter::compiler::syntax
