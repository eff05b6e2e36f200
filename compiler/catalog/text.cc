#include "compiler/catalog/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace kilter::catalog {

std::string Address(const std::string& type, const std::string& name, const std::string& host) {
  return fmt::format("{} \"{}\" @ {}", type, name, host);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

namespace {

constexpr const char* kSpace = " \t\r\n\v\f";

}  // namespace

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(kSpace);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

}  // namespace kilter::catalog
