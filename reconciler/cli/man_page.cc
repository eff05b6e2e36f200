#include "reconciler/cli/man_page.h"

#include <cctype>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "reconciler/cli/help_text.h"

namespace kilter::cli {

namespace {

/// Text as roff reads it: backslashes escaped, a dash that starts a word (an
/// option) written as a minus so it can be copied, `code` in bold, and a line
/// that would start with a control character guarded.
std::string Roff(const std::string& text) {
  std::string out;
  bool bold = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool line_start = i == 0 || text[i - 1] == '\n';
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-' &&
               (i == 0 || std::isspace(static_cast<unsigned char>(text[i - 1])) ||
                std::string_view("-(`[|").find(text[i - 1]) != std::string_view::npos)) {
      out += "\\-";
    } else if (c == '`' && (bold || text.find('`', i + 1) != std::string::npos)) {
      out += bold ? "\\fR" : "\\fB";
      bold = !bold;
    } else {
      out += c;
    }
  }
  return out;
}

/// An item's term: options and literal words in bold, metavariables
/// (FILE, NAME=VALUE) in italics.
std::string Term(const std::string& term) {
  std::istringstream words(term);
  std::string word;
  std::string out;
  while (words >> word) {
    std::string comma;
    if (word.back() == ',') {
      word.pop_back();
      comma = ",";
    }
    bool meta = false;
    for (char c : word) meta = meta || std::isupper(static_cast<unsigned char>(c));
    out +=
        fmt::format("{}\\f{}{}\\fR{}", out.empty() ? "" : " ", meta ? 'I' : 'B', Roff(word), comma);
  }
  return out;
}

/// A usage line with "kilter COMMAND" in bold.
std::string Usage(const std::string& usage, const std::string& name) {
  std::string head = "kilter " + name;
  if (usage.rfind(head, 0) != 0) return Roff(usage);
  return "\\fB" + head + "\\fR" + Roff(usage.substr(head.size()));
}

std::string CommandSection(const CommandSpec& c) {
  HelpText help = ParseHelp(c.help);
  std::string out = fmt::format(".SS {}\n{}.\n.PP\n", c.name, Roff(c.summary));
  for (const std::string& usage : help.usages) out += Usage(usage, c.name) + "\n.br\n";
  for (const HelpBlock& block : help.blocks) {
    if (block.items.empty()) {
      out += ".PP\n" + Roff(block.text) + "\n";
      continue;
    }
    for (const HelpItem& item : block.items) {
      out += ".TP\n" + Term(item.term) + "\n" + Roff(item.description) + "\n";
    }
  }
  return out;
}

}  // namespace

std::string ManPage(const std::vector<CommandSpec>& commands, const std::string& version) {
  std::string out = fmt::format(
      ".TH KILTER 1 \"\" \"kilter {}\" \"User Commands\"\n"
      // No hyphenation (a flag such as --auto-approve never splits at a line's end),
      // ragged right.
      ".nh\n"
      ".ad l\n"
      ".SH NAME\n"
      "kilter \\- {}\n"
      ".SH SYNOPSIS\n"
      "\\fBkilter\\fR \\fICOMMAND\\fR [\\fIARGS\\fR...]\n.br\n"
      "\\fBkilter\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR\n.br\n"
      "\\fBkilter \\-\\-help\\fR\n.br\n"
      "\\fBkilter \\-\\-version\\fR\n"
      ".SH DESCRIPTION\n"
      "\\fBkilter\\fR is {}.\n"
      ".PP\n"
      "Each command is described below as \\fBkilter\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR "
      "prints it. \\fBkilter \\-\\-help\\fR lists the commands; "
      "\\fBkilter \\-\\-version\\fR prints the version and the git commit kilter was built "
      "from.\n"
      ".SH COMMANDS\n",
      version, Roff(kKilterSummary), Roff(kKilterSummary));
  for (const CommandSpec& c : commands) out += CommandSection(c);
  return out;
}

}  // namespace kilter::cli
