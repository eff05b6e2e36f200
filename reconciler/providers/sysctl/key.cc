#include "reconciler/providers/sysctl/key.h"

#include <stdexcept>

namespace kilter::reconciler::sysctl {

namespace {

std::string Swapped(std::string key) {
  for (char& c : key) {
    if (c == '.') c = '/';
    else if (c == '/') c = '.';
  }
  return key;
}

}  // namespace

std::string NormalKey(const std::string& key) {
  size_t first = key.find_first_of("./");
  return first != std::string::npos && key[first] == '/' ? Swapped(key) : key;
}

std::string ProcPath(const std::string& normal_key) { return Swapped(normal_key); }

std::string CanonicalValue(const std::string& value) {
  std::string out;
  bool gap = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += c;
  }
  return out;
}

std::string DeclaredValue(const nlohmann::json& value) {
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  if (!value.is_string()) {
    throw std::invalid_argument("must be an int or a string, not " + value.dump());
  }
  std::string text = value.get<std::string>();
  if (text.find_first_of("\n\r") != std::string::npos) {
    throw std::invalid_argument("must be one line");
  }
  return text;
}

}  // namespace kilter::reconciler::sysctl
