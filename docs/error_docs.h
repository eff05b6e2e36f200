#pragma once

#include <span>
#include <string_view>

namespace kilter::docs {

/// One page of docs/errors/, embedded at build time: its code and its Markdown.
struct ErrorDoc {
  std::string_view code;  ///< "E0401"
  std::string_view text;  ///< starts with "# E0401: title"
};

/// Every docs/errors/CODE.md, sorted by code.
std::span<const ErrorDoc> ErrorDocs();

}  // namespace kilter::docs
