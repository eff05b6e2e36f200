#include "reconciler/providers/redis_server/config_files.h"

#include <fnmatch.h>

#include "reconciler/providers/redis_server/values.h"

namespace kilter::reconciler::redis_server {

namespace {

constexpr int kMaxDepth = 10;

std::string Join(const std::vector<std::string>& words, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < words.size(); ++i) out += (i > from ? " " : "") + words[i];
  return out;
}

void LoadFile(const std::string& path, const std::map<std::string, std::string>& files,
              const std::string& owned_path, int depth, LoadOrder& order);

void Include(const std::string& pattern, const std::map<std::string, std::string>& files,
             const std::string& owned_path, int depth, LoadOrder& order) {
  bool glob = pattern.find_first_of("*?[") != std::string::npos;
  std::vector<std::string> paths;
  for (const auto& [path, content] : files) {
    if (glob ? fnmatch(pattern.c_str(), path.c_str(), FNM_PATHNAME) == 0 : path == pattern) {
      paths.push_back(path);
    }
  }
  bool owned_matches = glob ? fnmatch(pattern.c_str(), owned_path.c_str(), FNM_PATHNAME) == 0
                            : pattern == owned_path;
  if (owned_matches && !files.count(owned_path)) {
    // kilter's file is named but not written yet: its place is here.
    order.includes_owned = true;
    order.owned_at = order.owned_end = order.directives.size();
  }
  if (paths.empty() && !glob && !owned_matches) order.missing.push_back(pattern);
  for (const std::string& p : paths) LoadFile(p, files, owned_path, depth + 1, order);
}

void LoadFile(const std::string& path, const std::map<std::string, std::string>& files,
              const std::string& owned_path, int depth, LoadOrder& order) {
  auto it = files.find(path);
  if (it == files.end() || depth > kMaxDepth) return;
  bool owned = path == owned_path;
  if (owned) {
    order.includes_owned = true;
    order.owned_at = order.directives.size();
  }
  const std::string& content = it->second;
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    std::string line = content.substr(start, end - start);
    start = end + 1;
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    std::optional<std::vector<std::string>> words = SplitConfigLine(line);
    if (!words || words->empty()) continue;
    std::string name = Lower((*words)[0]);
    if (name == "include" && words->size() == 2) {
      Include((*words)[1], files, owned_path, depth, order);
      continue;
    }
    order.directives.push_back(
        {name, std::vector<std::string>(words->begin() + 1, words->end()), path, owned});
  }
  if (owned) order.owned_end = order.directives.size();
}

}  // namespace

LoadOrder Load(const std::string& main, const std::map<std::string, std::string>& files,
               const std::string& owned_path) {
  LoadOrder order;
  LoadFile(main, files, owned_path, 0, order);
  return order;
}

std::optional<Effective> EffectiveOf(const LoadOrder& order, const std::string& name) {
  const std::string kRename = "rename-command ";
  bool rename = name.rfind(kRename, 0) == 0;
  std::optional<Effective> found;
  for (size_t i = 0; i < order.directives.size(); ++i) {
    const Directive& d = order.directives[i];
    if (rename) {
      if (d.name != "rename-command" || d.args.size() != 2 ||
          Lower(d.args[0]) != name.substr(kRename.size())) {
        continue;
      }
      found = Effective{d.args[1], d.file, i, d.owned};
    } else if (d.name == name && name == "save") {
      bool reset = d.args.size() == 1 && d.args[0].empty();
      std::string before = found ? found->value : "";
      std::string rules = reset ? "" : Join(d.args);
      found = Effective{reset || before.empty() ? rules : before + " " + rules, d.file, i, d.owned};
    } else if (d.name == name) {
      found = Effective{Join(d.args), d.file, i, d.owned};
    }
  }
  return found;
}

}  // namespace kilter::reconciler::redis_server
