#include "reconciler/plan/batch_read.h"

#include <random>

#include <fmt/format.h>

namespace kilter::reconciler {

namespace {

// Each record: "F MODE OWNER GROUP SIZE PATH\n" + SIZE bytes + "\n" + nonce +
// "\n" | "O PATH\n" (not a regular file) | "M PATH\n" (missing) | "E PATH\n"
// (unreadable) | "G PATH\n" (matched a pattern). The nonce after the
// content catches a file that shrank or grew between stat and read: the
// framing would no longer line up. A path is sent once even when it is both
// asked for and listed in a manifest (files kilter wrote are usually both).
const char kScript[] = R"(set -f
IFS= read -r nonce
nl='
'
seen=$nl
emit() {
  case $seen in *"$nl$1$nl"*) return ;; esac
  seen=$seen$1$nl
  if [ -f "$1" ]; then
    if [ ! -r "$1" ]; then printf 'E %s\n' "$1"; return; fi
    s=$(stat -L -c '%a %U %G %s' -- "$1") || { printf 'E %s\n' "$1"; return; }
    printf 'F %s %s\n' "$s" "$1"
    head -c "${s##* }" -- "$1"
    printf '\n%s\n' "$nonce"
  elif [ -e "$1" ]; then printf 'O %s\n' "$1"
  else printf 'M %s\n' "$1"
  fi
}
tab=$(printf '\t')
while IFS= read -r p; do
  case $p in
    \**) d=${p#\*}; n=${d#*"$tab"}; d=${d%%"$tab"*}
        if [ -d "$d" ]; then
          find "$d" -mindepth 1 -maxdepth 1 -name "$n" -exec printf 'G %s\n' {} + 2>/dev/null || :
        fi ;;
    @*) l=${p#@}; emit "$l"
        if [ -f "$l" ] && [ -r "$l" ]; then
          cut -f1 -- "$l" | grep '^/' | while IFS= read -r q; do emit "$q"; done
        fi ;;
    *) emit "$p" ;;
  esac
done
)";

std::string Nonce() {
  std::random_device rd;
  return fmt::format("kilter-end-{:08x}{:08x}", rd(), rd());
}

class Parser {
 public:
  Parser(const std::string& host, const std::string& text, const std::string& nonce)
      : host_(host), text_(text), nonce_(nonce) {}

  std::map<std::string, ReadFileResult> Parse() {
    std::map<std::string, ReadFileResult> out;
    while (pos_ < text_.size()) {
      std::string line = Line();
      if (line.size() < 3 || line[1] != ' ') Fail("unexpected line \"" + line + "\"");
      char kind = line[0];
      std::string rest = line.substr(2);
      ReadFileResult result;
      if (kind == 'G') {
        result.exists = true;
        result.matched = true;
        out[rest] = result;
        continue;
      }
      if (kind == 'M') {
        out[rest] = result;
        continue;
      }
      result.exists = true;
      if (kind == 'O') {
        out[rest] = result;
        continue;
      }
      if (kind == 'E') {
        result.error = "cannot read " + rest + " (permission denied or unreadable)";
        out[rest] = result;
        continue;
      }
      if (kind != 'F') Fail("unexpected line \"" + line + "\"");
      // MODE OWNER GROUP SIZE PATH: the path is everything after the 4th space.
      std::vector<std::string> words;
      size_t start = 0;
      for (int i = 0; i < 4; ++i) {
        size_t sp = rest.find(' ', start);
        if (sp == std::string::npos) Fail("short stat line \"" + line + "\"");
        words.push_back(rest.substr(start, sp - start));
        start = sp + 1;
      }
      std::string path = rest.substr(start);
      result.regular = true;
      try {
        result.stat.mode = static_cast<uint32_t>(std::stoul(words[0], nullptr, 8));
        result.stat.size = std::stoull(words[3]);
      } catch (const std::exception&) {
        Fail("bad stat line \"" + line + "\"");
      }
      result.stat.owner = words[1];
      result.stat.group = words[2];
      std::string trailer = "\n" + nonce_ + "\n";
      if (pos_ + result.stat.size + trailer.size() > text_.size() ||
          text_.compare(pos_ + result.stat.size, trailer.size(), trailer) != 0) {
        Fail(path + " changed while it was being read; try again");
      }
      result.content = text_.substr(pos_, result.stat.size);
      pos_ += result.stat.size + trailer.size();
      out[path] = std::move(result);
    }
    return out;
  }

 private:
  std::string Line() {
    size_t nl = text_.find('\n', pos_);
    if (nl == std::string::npos) Fail("output ends in the middle of a line");
    std::string line = text_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    return line;
  }

  [[noreturn]] void Fail(const std::string& why) {
    throw TransportError(host_, "reading files: " + why);
  }

  const std::string& host_;
  const std::string& text_;
  const std::string& nonce_;
  size_t pos_ = 0;
};

}  // namespace

const std::string& ReadFilesScript() {
  static const std::string script = kScript;
  return script;
}

std::map<std::string, ReadFileResult> ReadFiles(Transport& transport,
                                                const std::vector<std::string>& paths) {
  if (paths.empty()) return {};
  std::string nonce = Nonce();
  Command command;
  command.shell = ReadFilesScript();
  command.stdin_data = nonce + "\n";
  for (const std::string& p : paths) command.stdin_data += p + "\n";
  CommandResult result = transport.Run(command);
  if (!result.ok()) {
    throw TransportError(transport.host(),
                         fmt::format("reading files failed (exit {}): {}", result.exit_code,
                                     result.err.empty() ? result.out : result.err));
  }
  return Parser(transport.host(), result.out, nonce).Parse();
}

}  // namespace kilter::reconciler
