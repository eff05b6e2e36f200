#include "reconciler/providers/php_fpm_pool/check.h"

#include <regex>

#include <fmt/format.h>

#include "reconciler/providers/php_fpm_pool/pool_file.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::php_fpm_pool {

namespace {

/// A heredoc delimiter that no line of `content` equals.
std::string Delimiter(const std::string& content) {
  std::string d = "KILTER_POOL_FILE";
  while (content.find(d) != std::string::npos) d += "_";
  return d;
}

std::string BaseName(const std::string& path) { return path.substr(path.rfind('/') + 1); }

std::string Where(const Change& c) {
  if (!c.source) return c.Address();
  return fmt::format("{} ({}:{}:{})", c.Address(), c.source->file, c.source->line, c.source->col);
}

}  // namespace

StagedFiles StagedOf(const std::vector<Change>& changes,
                     const std::vector<const catalog::Resource*>& desired,
                     const Settings& settings, const std::string& host) {
  StagedFiles staged;
  for (const Change& c : changes) {
    if (c.kind == ChangeKind::kNothing) continue;
    if (c.kind == ChangeKind::kDelete) {
      if (c.live.is_object() && c.live.contains("files")) {
        for (const auto& [path, content] : c.live["files"].items()) staged[path] = std::nullopt;
      }
      continue;
    }
    for (const catalog::Resource* r : desired) {
      if (r->name == c.name) staged[settings.FileOf(r->name)] = RenderFile(*r, host);
    }
  }
  return staged;
}

std::string CheckScript(const Settings& settings, const StagedFiles& staged) {
  std::string s =
      "set -e\n"
      "t=$(mktemp -d)\n"
      "trap 'rm -rf \"$t\"' EXIT\n"
      "mkdir \"$t/pool.d\"\n"
      "for f in " + ShellQuote(settings.pool_dir) + "/*.conf; do\n"
      "  if [ -f \"$f\" ]; then cp \"$f\" \"$t/pool.d/\"; fi\n"
      "done\n";
  for (const auto& [path, content] : staged) {
    std::string target = "\"$t/pool.d/\"" + ShellQuote(BaseName(path));
    if (!content) {
      s += "rm -f " + target + "\n";
      continue;
    }
    std::string d = Delimiter(*content);
    s += "cat > " + target + " <<'" + d + "'\n" + *content +
         (content->empty() || content->back() == '\n' ? "" : "\n") + d + "\n";
  }
  // Only the include of the pool directory moves to the copy; every other
  // line of php-fpm.conf (pid, error_log, other includes) stays as it is.
  std::string from = settings.pool_dir + "/*.conf";
  s += "while IFS= read -r line || [ -n \"$line\" ]; do\n"
       "  case \"$line\" in\n"
       "    *include*" + ShellQuote(from) + "*) printf '%s\\n' \"include=$t/pool.d/*.conf\" ;;\n"
       "    *) printf '%s\\n' \"$line\" ;;\n"
       "  esac\n"
       "done < " + ShellQuote(settings.conf) + " > \"$t/php-fpm.conf\"\n"
       "set +e\n" +
       settings.fpm + " -t -y \"$t/php-fpm.conf\"\n";
  return s;
}

std::vector<std::string> FpmLines(const std::string& stderr_text) {
  static const std::regex kStamp(R"(^\[[^\]]*\] )");
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < stderr_text.size()) {
    size_t end = stderr_text.find('\n', begin);
    if (end == std::string::npos) end = stderr_text.size();
    std::string line = std::regex_replace(stderr_text.substr(begin, end - begin), kStamp, "");
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) lines.push_back(line);
    begin = end + 1;
  }
  return lines;
}

void RunCheck(Transport& transport, const Settings& settings, const StagedFiles& staged,
              const std::vector<Change>& changes) {
  Command command;
  command.shell = "sh -c " + ShellQuote(CheckScript(settings, staged));
  CommandResult r = transport.Run(command);
  if (r.ok()) return;
  std::vector<std::string> lines = FpmLines(r.err + r.out);
  std::string said;
  for (const std::string& l : lines) {
    if (l.find("test is successful") == std::string::npos) said += "\n  " + l;
  }
  std::vector<std::string> named, all;
  for (const Change& c : changes) {
    if (c.kind == ChangeKind::kNothing || c.kind == ChangeKind::kDelete) continue;
    all.push_back(Where(c));
    if (said.find("[pool " + c.name + "]") != std::string::npos) named.push_back(Where(c));
  }
  std::string pools;
  for (const std::string& w : named.empty() ? all : named) pools += "\n  " + w;
  throw ProviderError(fmt::format(
      "{}: php.fpm_pool: PHP-FPM rejects the configuration ({} -t, exit {}); nothing was "
      "written:{}\nfor:{}",
      transport.host(), settings.fpm, r.exit_code, said, pools));
}

}  // namespace kilter::reconciler::php_fpm_pool
