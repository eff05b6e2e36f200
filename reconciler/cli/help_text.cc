#include "reconciler/cli/help_text.h"

#include <algorithm>
#include <sstream>

namespace kilter::cli {

namespace {

constexpr char kUsage[] = "usage: ";

std::string Trim(const std::string& s) {
  size_t begin = s.find_first_not_of(' ');
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(' ') - begin + 1);
}

size_t Indent(const std::string& line) { return line.find_first_not_of(' '); }

HelpItem ReadItem(const std::string& line) {
  std::string body = Trim(line);
  size_t gap = body.find("  ");
  if (gap == std::string::npos) return {body, ""};
  return {body.substr(0, gap), Trim(body.substr(gap))};
}

}  // namespace

HelpText ParseHelp(const std::string& help) {
  HelpText out;
  std::istringstream in(help);
  std::string line;
  bool in_usage = false;
  bool open = false;  // the last block may still grow
  while (std::getline(in, line)) {
    if (line.rfind(kUsage, 0) == 0) {
      out.usages.push_back(Trim(line.substr(sizeof(kUsage) - 1)));
      in_usage = true;
      continue;
    }
    size_t indent = Indent(line);
    if (indent == std::string::npos) {
      in_usage = open = false;
      continue;
    }
    if (in_usage && indent > 2) {
      out.usages.push_back(Trim(line));
      continue;
    }
    in_usage = false;
    bool list_open = open && !out.blocks.back().items.empty();
    if (indent > 2 && list_open) {
      HelpItem& last = out.blocks.back().items.back();
      last.description += (last.description.empty() ? "" : " ") + Trim(line);
    } else if (indent > 0) {
      if (!list_open) out.blocks.push_back({});
      out.blocks.back().items.push_back(ReadItem(line));
    } else if (open && !list_open) {
      out.blocks.back().text += "\n" + line;
    } else {
      out.blocks.push_back({line, {}});
    }
    open = true;
  }
  return out;
}

std::vector<std::string> HelpFlags(const HelpText& help) {
  std::vector<std::string> flags;
  for (const HelpBlock& block : help.blocks) {
    for (const HelpItem& item : block.items) {
      if (item.term[0] != '-') continue;  // a word such as `run`, or an example
      std::istringstream words(item.term);
      std::string word;
      while (words >> word) {
        if (word.back() == ',') word.pop_back();
        if (word.size() < 2 || word[0] != '-') continue;
        if (std::find(flags.begin(), flags.end(), word) == flags.end()) flags.push_back(word);
      }
    }
  }
  return flags;
}

}  // namespace kilter::cli
