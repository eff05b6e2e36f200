#include "support/estate.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace kilter::testing {

std::map<std::string, std::string> EstateEnv(const std::string& service) {
  const char* dir = std::getenv("ESTATE_DIR");
  if (!dir) throw std::runtime_error("ESTATE_DIR is not set: run integration tests through ctest");
  std::string path = std::string(dir) + "/" + service + ".env";
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("test estate service '" + service + "' is not up: no " + path);
  }
  std::map<std::string, std::string> env;
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

}  // namespace kilter::testing
