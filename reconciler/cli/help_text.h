#pragma once

#include <string>
#include <vector>

namespace kilter::cli {

/// One line of a list in a --help text: `  -o, --output FILE    what it does`.
struct HelpItem {
  std::string term;         ///< "-o, --output FILE"
  std::string description;  ///< its text, continuation lines joined by spaces
};

/// A paragraph (its lines as written) or a list of items.
struct HelpBlock {
  std::string text;
  std::vector<HelpItem> items;  ///< non-empty for a list, then `text` is empty
};

/// A command's --help text taken apart, for the man page and the completion.
struct HelpText {
  std::vector<std::string> usages;  ///< each "kilter CMD ..." line after "usage:"
  std::vector<HelpBlock> blocks;    ///< the rest, in order
};

/// Reads a --help text: the "usage:" line and its indented continuations,
/// then blocks separated by blank lines, where a line indented by two spaces
/// starts an item (term, two or more spaces, description) and a line indented
/// further continues the last item.
HelpText ParseHelp(const std::string& help);

/// The flags named by the items whose term starts with one ("-o, --output
/// FILE" gives "-o" and "--output"), in order, each once.
std::vector<std::string> HelpFlags(const HelpText& help);

}  // namespace kilter::cli
