#include "reconciler/cli/error_pages.h"

#include <cctype>

namespace kilter::cli {

const docs::ErrorDoc* FindErrorPage(std::string_view code) {
  std::string upper(code);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const docs::ErrorDoc& page : docs::ErrorDocs()) {
    if (page.code == upper) return &page;
  }
  return nullptr;
}

std::string PageTitle(const docs::ErrorDoc& page) {
  std::string_view line = page.text.substr(0, page.text.find('\n'));
  std::string prefix = "# " + std::string(page.code) + ": ";
  if (line.substr(0, prefix.size()) == prefix) line.remove_prefix(prefix.size());
  return std::string(line);
}

std::map<std::string, std::string> PageTitles() {
  std::map<std::string, std::string> titles;
  for (const docs::ErrorDoc& page : docs::ErrorDocs()) {
    titles[std::string(page.code)] = PageTitle(page);
  }
  return titles;
}

}  // namespace kilter::cli
