#pragma once

#include <span>
#include <string_view>

namespace kilter::stdlib {

/// One stdlib file embedded at build time: its path below stdlib/ and its text.
struct EmbeddedFile {
  std::string_view path;
  std::string_view text;
};

/// Every embedded stdlib file (schemas/*.kilt, profiles/*.kilt), sorted by path.
std::span<const EmbeddedFile> Files();

}  // namespace kilter::stdlib
