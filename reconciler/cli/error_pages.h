#pragma once

#include <map>
#include <string>
#include <string_view>

#include "docs/error_docs.h"

namespace kilter::cli {

/// The embedded docs/errors page of `code` (any case), or null.
const docs::ErrorDoc* FindErrorPage(std::string_view code);

/// The title of a page: its first line without "# CODE: ".
std::string PageTitle(const docs::ErrorDoc& page);

/// Code -> title of every page, for the rules of a SARIF log.
std::map<std::string, std::string> PageTitles();

}  // namespace kilter::cli
