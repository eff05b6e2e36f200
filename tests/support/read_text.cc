#include "support/read_text.h"

#include <fstream>
#include <sstream>

namespace kilter::testing {

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace kilter::testing
