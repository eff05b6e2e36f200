#include "reconciler/providers/kit/batch_here.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <future>
#include <set>
#include <sstream>

#include "reconciler/providers/kit/include_lines.h"

namespace kilter::reconciler::kit {

namespace {

std::string UserName(uid_t uid) {
  struct passwd pw, *found = nullptr;
  char buf[4096];
  if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found) return found->pw_name;
  return "UNKNOWN";
}

std::string GroupName(gid_t gid) {
  struct group gr, *found = nullptr;
  char buf[4096];
  if (getgrgid_r(gid, &gr, buf, sizeof buf, &found) == 0 && found) return found->gr_name;
  return "UNKNOWN";
}

/// The whole content of the open file `fd`, or nullopt on a read error.
std::optional<std::string> Content(int fd) {
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return out;
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::nullopt;
    }
    out.append(buf, static_cast<size_t>(n));
  }
}

/// What the script's `emit` reports for `path`.
FileRead ReadPath(const std::string& path) {
  FileRead file;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    // A dangling link exists for `[ -e ]` no more than for stat.
    return file;
  }
  file.exists = true;
  if (!S_ISREG(st.st_mode)) return file;
  std::string unreadable = "cannot read " + path + " (permission denied or unreadable)";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    file.error = unreadable;
    return file;
  }
  std::optional<std::string> content = Content(fd);
  struct stat now;
  bool stat_ok = ::fstat(fd, &now) == 0;
  ::close(fd);
  if (!content || !stat_ok) {
    file.error = unreadable;
    return file;
  }
  file.regular = true;
  file.stat.mode = now.st_mode & 07777;
  file.stat.owner = UserName(now.st_uid);
  file.stat.group = GroupName(now.st_gid);
  file.stat.size = content->size();
  file.mtime = static_cast<int64_t>(now.st_mtime);
  file.content = std::move(*content);
  return file;
}

/// The entries of `dir` whose names match `pattern` as find's -name does.
std::vector<std::string> Matches(const std::string& dir, const std::string& pattern) {
  std::vector<std::string> out;
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  std::string prefix = dir.back() == '/' ? dir : dir + "/";
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    if (::fnmatch(pattern.c_str(), name.c_str(), 0) == 0) out.push_back(prefix + name);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

/// A shell glob as `for f in PATTERN` expands it: the matches, sorted, or
/// the pattern itself when nothing matches.
std::vector<std::string> Expand(const std::string& pattern) {
  glob_t g;
  std::vector<std::string> out;
  if (::glob(pattern.c_str(), GLOB_NOCHECK, nullptr, &g) == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) out.push_back(g.gl_pathv[i]);
  } else {
    out.push_back(pattern);
  }
  ::globfree(&g);
  return out;
}

/// `rest` split at its first space: the word, and what follows.
std::pair<std::string, std::string> Split(const std::string& rest) {
  size_t sp = rest.find(' ');
  if (sp == std::string::npos) return {rest, ""};
  return {rest.substr(0, sp), rest.substr(sp + 1)};
}

class Here {
 public:
  Here(Transport& transport, const ReadBatch& batch) : transport_(transport), batch_(batch) {}

  BatchResult Run() {
    // The reads as the script gets them, after the (empty) nonce line.
    std::istringstream reads(batch_.ToCommand("").stdin_data.substr(1));
    std::string line;
    while (std::getline(reads, line)) {
      std::string rest = line.substr(2);
      switch (line[0]) {
        case 'F': Emit(rest); break;
        case 'L': Manifest(rest); break;
        case 'G': Glob(rest); break;
        case 'T': Tree(rest); break;
        case 'C': Command(rest); break;
      }
    }
    for (auto& [key, pending] : background_) out_.commands[key] = pending.get();
    return std::move(out_);
  }

 private:
  void Emit(const std::string& path) {
    if (!seen_.insert(path).second) return;
    out_.files[path] = ReadPath(path);
  }

  void Manifest(const std::string& path) {
    Emit(path);
    const FileRead& manifest = out_.files[path];
    if (!manifest.regular) return;
    std::istringstream lines(manifest.content);
    std::string entry;
    std::vector<std::string> listed;
    while (std::getline(lines, entry)) {
      std::string first = entry.substr(0, entry.find('\t'));
      if (!first.empty() && first[0] == '/') listed.push_back(first);
    }
    for (const std::string& p : listed) Emit(p);
  }

  void Glob(const std::string& rest) {
    auto [index, after] = Split(rest);
    auto [contents, spec] = Split(after);
    size_t tab = spec.find('\t');
    const std::string& key = batch_.glob_keys().at(std::stoul(index));
    for (const std::string& match : Matches(spec.substr(0, tab), spec.substr(tab + 1))) {
      out_.globs[key].push_back(match);
      if (contents == "1") Emit(match);
    }
  }

  void Tree(const std::string& rest) {
    auto [index, after] = Split(rest);
    auto [directive, root] = Split(after);
    Walk(out_.trees[batch_.tree_keys().at(std::stoul(index))], directive, 0, root);
  }

  /// As the script's tree(): the file, then what its include lines name.
  void Walk(std::vector<std::string>& order, const std::string& directive, int depth,
            const std::string& path) {
    order.push_back(path);
    Emit(path);
    const FileRead& file = out_.files[path];
    if (depth >= kMaxIncludeDepth || !file.regular) return;
    for (const std::string& pattern : IncludedPatterns(file.content, directive)) {
      for (const std::string& match : Expand(pattern)) Walk(order, directive, depth + 1, match);
    }
  }

  void Command(const std::string& rest) {
    auto [index, after] = Split(rest);
    auto [background, words] = Split(after);
    auto [shell, stdin_data] = Split(words);
    reconciler::Command command;
    command.shell = BatchWordText(shell);
    command.stdin_data = BatchWordText(stdin_data);
    const std::string& key = batch_.command_keys().at(std::stoul(index));
    auto run = [this, command] {
      CommandResult r = transport_.Run(command);
      return CommandRead{r.exit_code, r.out, r.err};
    };
    if (background == "1") background_.emplace_back(key, std::async(std::launch::async, run));
    else out_.commands[key] = run();
  }

  Transport& transport_;
  const ReadBatch& batch_;
  BatchResult out_;
  std::set<std::string> seen_;
  std::vector<std::pair<std::string, std::future<CommandRead>>> background_;
};

}  // namespace

BatchResult ReadHere(Transport& transport, const ReadBatch& batch) {
  return Here(transport, batch).Run();
}

}  // namespace kilter::reconciler::kit
