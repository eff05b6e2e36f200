#include "reconciler/providers/kit/batch_read.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <random>
#include <stdexcept>

#include "reconciler/providers/kit/batch_here.h"
#include "reconciler/providers/kit/include_lines.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::kit {

namespace {

// The reads arrive on stdin after the nonce, one a line:
//   "F PATH" a file | "L PATH" a manifest and the files it names |
//   "G I C DIR<TAB>PATTERN" glob I (C=1: read the matches too) |
//   "C I B SHELL STDIN" command I, both words escaped for printf's %b
//   (Escaped: "-" when empty; B=1: background).
// Records on stdout:
//   "F MODE OWNER GROUP MTIME SIZE PATH\n" + SIZE bytes + "\n" + nonce + "\n" |
//   "O PATH" not a regular file | "M PATH" missing | "E PATH" unreadable |
//   "G I PATH" a match of glob I |
//   "C I RC OUTLEN ERRLEN\n" + stdout + stderr + "\n" + nonce + "\n" (after
//   every read).
// The nonce after the bytes catches a file that shrank or grew between stat
// and read, and a truncated output: the framing would no longer line up. A
// path is sent once even when it is both asked for and listed in a manifest.
// Every process counts (a no-op plan is mostly process starts): commands are
// decoded by the shell's own printf, and their results are framed by one
// `stat` and sent by one `cat`, however many commands the batch holds; the
// files likewise, by one `stat` and one `cat` of them all (a file whose
// stat fails between the test and the read is reported unreadable); the
// paths a manifest lists are picked out by the shell itself.
// tree() below stops at this depth.
static_assert(kMaxIncludeDepth == 10);

const char kScript[] = R"sh(set -f
IFS= read -r nonce
nl='
'
seen=$nl
t=
tmp() {
  [ -n "$t" ] && return
  t=$(mktemp -d) || exit 1
  trap 'rm -rf "$t"' EXIT
}
emit() {
  case $seen in *"$nl$1$nl"*) return ;; esac
  seen=$seen$1$nl
  if [ -f "$1" ]; then
    if [ ! -r "$1" ]; then printf 'E %s\n' "$1"; return; fi
    tmp
    printf '%s\n' "$1" >> "$t/f"
  elif [ -e "$1" ]; then printf 'O %s\n' "$1"
  else printf 'M %s\n' "$1"
  fi
}
decode() {
  if [ "$1" = - ]; then : > "$2"; else printf '%b' "$1" > "$2"; fi
}
tree() {
  printf 'T %s %s\n' "$1" "$4"
  emit "$4"
  [ "$3" -lt 10 ] && [ -f "$4" ] && [ -r "$4" ] || return 0
  for inc in $(sed -n "s/^[[:space:]]*$2[[:space:]][[:space:]]*\\([^[:space:];][^[:space:];]*\\).*/\\1/Ip" -- "$4"); do
    set +f
    for f in $inc; do set -f; tree "$1" "$2" $(($3 + 1)) "$f"; set +f; done
    set -f
  done
}
)sh"
                     "tab='\t'\n"
                     R"sh(n=0
while IFS= read -r p; do
  case $p in
    F\ *) emit "${p#F }" ;;
    L\ *) l=${p#L }; emit "$l"
      if [ -f "$l" ] && [ -r "$l" ]; then
        while IFS= read -r q || [ -n "$q" ]; do
          q=${q%%"$tab"*}
          case $q in /*) emit "$q" ;; esac
        done < "$l"
      fi ;;
    G\ *) r=${p#G }; i=${r%% *}; r=${r#* }; c=${r%% *}; r=${r#* }
      d=${r%%"$tab"*}; pat=${r#*"$tab"}
      if [ -d "$d" ]; then
        tmp
        find "$d" -mindepth 1 -maxdepth 1 -name "$pat" > "$t/g" 2>/dev/null
        while IFS= read -r q; do
          printf 'G %s %s\n' "$i" "$q"
          if [ "$c" = 1 ]; then emit "$q"; fi
        done < "$t/g"
      fi ;;
    T\ *) r=${p#T }; i=${r%% *}; r=${r#* }; tree "$i" "${r%% *}" 0 "${r#* }" ;;
    C\ *) r=${p#C }; i=${r%% *}; r=${r#* }; b=${r%% *}; r=${r#* }
      tmp
      decode "${r%% *}" "$t/s$i"; decode "${r#* }" "$t/i$i"
      if [ "$b" = 1 ]; then
        { sh "$t/s$i" < "$t/i$i" > "$t/o$i" 2> "$t/e$i"; echo $? > "$t/r$i"; } &
      else
        sh "$t/s$i" < "$t/i$i" > "$t/o$i" 2> "$t/e$i"; echo $? > "$t/r$i"
      fi
      n=$((n + 1)) ;;
    *) printf 'unknown read: %s\n' "$p" >&2; exit 2 ;;
  esac
done
wait
[ -n "$t" ] || exit 0
printf '\n%s\n' "$nonce" > "$t/end"
if [ -f "$t/f" ]; then
  set --
  while IFS= read -r f; do set -- "$@" "$f"; done < "$t/f"
  stat -L -c '%a %U %G %Y %s %n' -- "$@" > "$t/fs" 2>/dev/null
  set --
  j=0
  {
    IFS= read -r line || line=
    while IFS= read -r f <&4; do
      if [ -n "$line" ] && [ "${line#* * * * * }" = "$f" ]; then
        printf 'F %s\n' "$line" > "$t/fh$j"
        set -- "$@" "$t/fh$j" "$f" "$t/end"
        IFS= read -r line || line=
      else
        printf 'E %s\n' "$f" > "$t/fh$j"
        set -- "$@" "$t/fh$j"
      fi
      j=$((j + 1))
    done 4< "$t/f"
  } < "$t/fs"
  cat -- "$@"
fi
[ $n -gt 0 ] || exit 0
i=0
set --
while [ $i -lt $n ]; do set -- "$@" "$t/o$i" "$t/e$i"; i=$((i + 1)); done
stat -c %s -- "$@" > "$t/sizes" || exit 1
i=0
set --
while IFS= read -r o && IFS= read -r e; do
  IFS= read -r rc < "$t/r$i"
  printf 'C %s %s %s %s\n' $i "$rc" "$o" "$e" > "$t/h$i"
  set -- "$@" "$t/h$i" "$t/o$i" "$t/e$i" "$t/end"
  i=$((i + 1))
done < "$t/sizes"
cat -- "$@"
)sh";

std::string Nonce() {
  std::random_device rd;
  return fmt::format("kilter-end-{:08x}{:08x}", rd(), rd());
}

void CheckWord(const std::string& what, const std::string& text) {
  if (text.find('\n') != std::string::npos) {
    throw std::invalid_argument(fmt::format("{} holds a newline: \"{}\"", what, text));
  }
}

void CheckPath(const std::string& path) {
  CheckWord("path", path);
  if (path.empty() || path[0] != '/') {
    throw std::invalid_argument(fmt::format("path \"{}\" is not absolute", path));
  }
}

/// `text` as one word printf's %b turns back into it: no space or newline
/// left, "-" only for the empty text.
std::string Escaped(const std::string& text) {
  if (text.empty()) return "-";
  if (text == "-") return "\\0055";
  std::string word;
  for (char c : text) {
    switch (c) {
      case '\\': word += "\\\\"; break;
      case '\n': word += "\\n"; break;
      case ' ': word += "\\0040"; break;
      default: word += c;
    }
  }
  return word;
}

uint64_t Number(std::string_view text, const std::string& line) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw std::runtime_error("bad record \"" + line + "\"");
  }
  return value;
}

/// Splits `rest` into `n` space-separated words and what follows them.
std::vector<std::string> Words(const std::string& line, size_t n, std::string& tail) {
  std::vector<std::string> words;
  size_t start = 2;
  for (size_t i = 0; i < n; ++i) {
    size_t sp = line.find(' ', start);
    if (sp == std::string::npos) throw std::runtime_error("short record \"" + line + "\"");
    words.push_back(line.substr(start, sp - start));
    start = sp + 1;
  }
  tail = line.substr(start);
  return words;
}

class Parser {
 public:
  Parser(const ReadBatch& batch, const std::string& text, const std::string& nonce)
      : batch_(batch), text_(text), trailer_("\n" + nonce + "\n") {}

  BatchResult Parse() {
    BatchResult out;
    while (pos_ < text_.size()) {
      std::string line = Line();
      if (line.size() < 3 || line[1] != ' ')
        throw std::runtime_error("bad record \"" + line + "\"");
      std::string rest = line.substr(2);
      FileRead file;
      switch (line[0]) {
        case 'M':
          out.files[rest] = file;
          break;
        case 'O':
          file.exists = true;
          out.files[rest] = file;
          break;
        case 'E':
          file.exists = true;
          file.error = "cannot read " + rest + " (permission denied or unreadable)";
          out.files[rest] = file;
          break;
        case 'F':
          ParseFile(line, out);
          break;
        case 'G':
          ParseMatch(line, out);
          break;
        case 'T':
          ParseTree(line, out);
          break;
        case 'C':
          ParseCommand(line, out);
          break;
        default:
          throw std::runtime_error("bad record \"" + line + "\"");
      }
    }
    if (out.commands.size() != batch_.command_keys().size()) {
      throw std::runtime_error(fmt::format("output ends after {} of {} commands",
                                           out.commands.size(), batch_.command_keys().size()));
    }
    for (auto& [key, paths] : out.globs) std::sort(paths.begin(), paths.end());
    return out;
  }

 private:
  void ParseFile(const std::string& line, BatchResult& out) {
    std::string path;
    std::vector<std::string> w = Words(line, 5, path);
    FileRead file;
    file.exists = true;
    file.regular = true;
    try {
      file.stat.mode = static_cast<uint32_t>(std::stoul(w[0], nullptr, 8));
    } catch (const std::exception&) {
      throw std::runtime_error("bad record \"" + line + "\"");
    }
    file.stat.owner = w[1];
    file.stat.group = w[2];
    file.mtime = static_cast<int64_t>(Number(w[3], line));
    file.stat.size = Number(w[4], line);
    file.content = Bytes(file.stat.size, path + " changed while it was being read; try again");
    out.files[path] = std::move(file);
  }

  void ParseMatch(const std::string& line, BatchResult& out) {
    std::string path;
    std::vector<std::string> w = Words(line, 1, path);
    out.globs[Key(batch_.glob_keys(), w[0], line)].push_back(path);
  }

  void ParseTree(const std::string& line, BatchResult& out) {
    std::string path;
    std::vector<std::string> w = Words(line, 1, path);
    out.trees[Key(batch_.tree_keys(), w[0], line)].push_back(path);
  }

  void ParseCommand(const std::string& line, BatchResult& out) {
    std::string err_length;
    std::vector<std::string> w = Words(line, 3, err_length);
    const std::string& key = Key(batch_.command_keys(), w[0], line);
    CommandRead command;
    command.exit_code = static_cast<int>(Number(w[1], line));
    uint64_t out_length = Number(w[2], line);
    std::string both =
        Bytes(out_length + Number(err_length, line), "the output of a command is cut short");
    command.out = both.substr(0, out_length);
    command.err = both.substr(out_length);
    out.commands[key] = std::move(command);
  }

  const std::string& Key(const std::vector<std::string>& keys, const std::string& index,
                         const std::string& line) {
    uint64_t i = Number(index, line);
    if (i >= keys.size()) throw std::runtime_error("bad record \"" + line + "\"");
    return keys[i];
  }

  /// `n` bytes followed by the trailer.
  std::string Bytes(uint64_t n, const std::string& why) {
    if (pos_ + n + trailer_.size() > text_.size() ||
        text_.compare(pos_ + n, trailer_.size(), trailer_) != 0) {
      throw std::runtime_error(why);
    }
    std::string bytes = text_.substr(pos_, n);
    pos_ += n + trailer_.size();
    return bytes;
  }

  std::string Line() {
    size_t nl = text_.find('\n', pos_);
    if (nl == std::string::npos) throw std::runtime_error("output ends in the middle of a line");
    std::string line = text_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    return line;
  }

  const ReadBatch& batch_;
  const std::string& text_;
  std::string trailer_;
  size_t pos_ = 0;
};

}  // namespace

const FileRead& BatchResult::File(const std::string& path) const {
  static const FileRead kMissing;
  auto it = files.find(path);
  return it == files.end() ? kMissing : it->second;
}

const std::vector<std::string>& BatchResult::Glob(const std::string& key) const {
  static const std::vector<std::string> kNone;
  auto it = globs.find(key);
  return it == globs.end() ? kNone : it->second;
}

const std::vector<std::string>& BatchResult::Tree(const std::string& key) const {
  static const std::vector<std::string> kNone;
  auto it = trees.find(key);
  return it == trees.end() ? kNone : it->second;
}

const CommandRead& BatchResult::Command(const std::string& key) const { return commands.at(key); }

void ReadBatch::AddFile(const std::string& path) {
  CheckPath(path);
  lines_.push_back("F " + path);
}

void ReadBatch::AddManifest(const std::string& path) {
  CheckPath(path);
  lines_.push_back("L " + path);
}

void ReadBatch::AddGlob(const std::string& key, const std::string& dir, const std::string& pattern,
                        bool contents) {
  CheckPath(dir);
  CheckWord("pattern", pattern);
  if (dir.find('\t') != std::string::npos) {
    throw std::invalid_argument(fmt::format("directory \"{}\" holds a tab", dir));
  }
  lines_.push_back(
      fmt::format("G {} {} {}\t{}", glob_keys_.size(), contents ? 1 : 0, dir, pattern));
  glob_keys_.push_back(key);
}

void ReadBatch::AddTree(const std::string& key, const std::string& root,
                        const std::string& directive) {
  CheckPath(root);
  CheckDirective(directive);
  lines_.push_back(fmt::format("T {} {} {}", tree_keys_.size(), directive, root));
  tree_keys_.push_back(key);
}

void ReadBatch::AddCommand(const std::string& key, const std::string& shell,
                           const std::string& stdin_data, bool background) {
  if (std::find(command_keys_.begin(), command_keys_.end(), key) != command_keys_.end()) {
    throw std::invalid_argument(fmt::format("command \"{}\" is read twice", key));
  }
  for (const std::string* text : {&shell, &stdin_data}) {
    if (text->find('\0') != std::string::npos) {
      throw std::invalid_argument(fmt::format("command \"{}\": a batch passes text, not NUL bytes",
                                              key));
    }
  }
  lines_.push_back(fmt::format("C {} {} {} {}", command_keys_.size(), background ? 1 : 0,
                               Escaped(shell), Escaped(stdin_data)));
  command_keys_.push_back(key);
}

reconciler::Command ReadBatch::ToCommand(const std::string& nonce) const {
  reconciler::Command command;
  command.shell = BatchScript();
  command.stdin_data = nonce + "\n";
  for (const std::string& line : lines_) command.stdin_data += line + "\n";
  return command;
}

const std::string& BatchScript() {
  static const std::string script = kScript;
  return script;
}

std::string BatchWordText(const std::string& word) {
  if (word == "-") return "";
  std::string text;
  for (size_t i = 0; i < word.size(); ++i) {
    if (word[i] != '\\' || i + 1 == word.size()) {
      text += word[i];
    } else if (word[i + 1] == 'n') {
      text += '\n', ++i;
    } else if (word[i + 1] == '0') {
      // \0 and up to three octal digits, as printf's %b reads them.
      int value = 0;
      size_t j = i + 2;
      for (; j < word.size() && j < i + 5 && word[j] >= '0' && word[j] <= '7'; ++j) {
        value = value * 8 + (word[j] - '0');
      }
      text += static_cast<char>(value);
      i = j - 1;
    } else {
      text += word[i + 1], ++i;
    }
  }
  return text;
}

BatchResult ParseBatchOutput(const ReadBatch& batch, const std::string& out,
                             const std::string& nonce) {
  return Parser(batch, out, nonce).Parse();
}

namespace {

/// The command of a batch that holds one command and nothing else: run on
/// its own it is the same one round trip, without the script's processes
/// around it (a shell, mktemp, stat, cat, rm).
std::optional<reconciler::Command> OnlyCommand(const ReadBatch& batch) {
  if (batch.command_keys().size() != 1 || !batch.glob_keys().empty()) return std::nullopt;
  // The reads as the script gets them: "\n" (no nonce), then one line each.
  std::string reads = batch.ToCommand("").stdin_data.substr(1);
  if (reads.find('\n') != reads.size() - 1) return std::nullopt;
  reads.pop_back();
  // "C 0 B SHELL STDIN"
  size_t stdin_at = reads.rfind(' ');
  size_t shell_at = reads.rfind(' ', stdin_at - 1);
  reconciler::Command command;
  command.shell = BatchWordText(reads.substr(shell_at + 1, stdin_at - shell_at - 1));
  command.stdin_data = BatchWordText(reads.substr(stdin_at + 1));
  return command;
}

}  // namespace

BatchResult Read(Transport& transport, const ReadBatch& batch, const std::string& who,
                 const std::string& what) {
  if (batch.empty()) return {};
  if (transport.local()) return ReadHere(transport, batch);
  if (std::optional<reconciler::Command> only = OnlyCommand(batch)) {
    CommandResult result = transport.Run(*only);
    BatchResult out;
    out.commands[batch.command_keys()[0]] = {result.exit_code, result.out, result.err};
    return out;
  }
  std::string nonce = Nonce();
  CommandResult result = transport.Run(batch.ToCommand(nonce));
  if (!result.ok()) {
    throw ProviderError(fmt::format("{}: reading {} failed (exit {}): {}", who, what,
                                    result.exit_code,
                                    result.err.empty() ? result.out : result.err));
  }
  try {
    return ParseBatchOutput(batch, result.out, nonce);
  } catch (const std::runtime_error& e) {
    throw ProviderError(fmt::format("{}: reading {}: {}", who, what, e.what()));
  }
}

}  // namespace kilter::reconciler::kit
