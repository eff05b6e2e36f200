#include "reconciler/providers/kit/mysql_option_files.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace kilter::reconciler::mysql {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

/// Whether the server reads group `name`: its own groups, bare or with a
/// version after a dash ("mariadb-10.11").
bool ServerGroup(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (const char* group : {"mysqld", "server", "mariadb", "mariadbd"}) {
    std::string g = group;
    if (name == g) return true;
    if (name.rfind(g + "-", 0) == 0 && name.size() > g.size() + 1 &&
        std::isdigit(static_cast<unsigned char>(name[g.size() + 1]))) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::map<std::string, std::string> ServerOptions(const std::string& content) {
  std::map<std::string, std::string> options;
  std::istringstream in(content);
  bool server = false;
  for (std::string line; std::getline(in, line);) {
    line = Trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';' || line[0] == '!') continue;
    if (line[0] == '[') {
      size_t end = line.find(']');
      server = end != std::string::npos && ServerGroup(Trim(line.substr(1, end - 1)));
      continue;
    }
    if (!server) continue;
    size_t eq = line.find('=');
    std::string name = Trim(line.substr(0, eq));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
      return c == '-' ? '_' : static_cast<char>(std::tolower(c));
    });
    options[name] = eq == std::string::npos ? "1" : Trim(line.substr(eq + 1));
  }
  return options;
}

std::optional<std::string> SetAfter(const std::map<std::string, std::vector<std::string>>& files,
                                    const std::string& own, const std::string& variable) {
  std::optional<std::string> last;
  for (const auto& [path, names] : files) {
    if (std::find(names.begin(), names.end(), variable) != names.end()) last = path;
  }
  if (last && *last > own) return last;
  return std::nullopt;
}

}  // namespace kilter::reconciler::mysql
