#include "reconciler/transport/shell_protocol.h"

#include <charconv>

#include <fmt/format.h>

#include "reconciler/transport/base64.h"
#include "reconciler/transport/digest.h"
#include "reconciler/transport/shell_quote.h"

namespace kilter::reconciler::shell_protocol {
namespace {

/// base64 -d reads lines of any length; 76 keeps the shell's reads small.
constexpr size_t kBase64Line = 76;

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// A here-document feeding `content` to `base64 -d`; the caller puts
/// HereDocLines() after the line that ends with this redirection.
std::string HereDocLines(const std::string& content, const std::string& token) {
  return Base64Encode(content, kBase64Line) + token + "\n";
}

/// Whether a quoted here-document ended by `token` delivers `data` byte for
/// byte: shells drop NUL bytes, the document ends with a newline, and a line
/// that is the token would end it early.
bool IsHereDocText(const std::string& data, const std::string& token) {
  return !data.empty() && data.back() == '\n' && data.find('\0') == std::string::npos &&
         data.rfind(token + "\n", 0) != 0 && data.find("\n" + token + "\n") == std::string::npos;
}

/// Where `marker` starts in `buffer` at or after `*scan`; npos when not yet,
/// and then `*scan` moves so the next search skips what cannot match.
size_t Find(const std::string& buffer, const std::string& marker, size_t* scan) {
  size_t at = buffer.find(marker, *scan);
  if (at == std::string::npos) {
    *scan = buffer.size() >= marker.size() ? buffer.size() - marker.size() + 1 : 0;
  }
  return at;
}

}  // namespace

std::string NewToken() { return "KILTER_" + Hex(RandomBytes(16)); }

std::string Frame(const std::string& body, const std::string& token) {
  return fmt::format(
      "{{\n{}\n}} </dev/null; printf '\\n%s %d\\n' {} \"$?\"; printf '\\n%s\\n' {} >&2\n", body,
      token, token);
}

std::string Bootstrap(const std::string& token) {
  return Frame("kilter_rc() { return \"$1\"; }\nprintf 'pid %s' \"$$\"", token);
}

std::string RunBody(const Command& command, const std::string& token) {
  std::string run = command.shell.empty() ? "( exec " + ShellJoin(command.argv) + " )"
                                          : "/bin/sh -c " + ShellQuote(command.shell);
  if (command.stdin_data.empty()) return run;
  if (IsHereDocText(command.stdin_data, token)) {
    // Inside the subshell: dash drops a here-document on `( ... )` when an
    // enclosing group redirects stdin, as Frame's `</dev/null` does.
    std::string doc = fmt::format("<<'{}'\n{}{}\n", token, command.stdin_data, token);
    return command.shell.empty() ? "( exec " + ShellJoin(command.argv) + " " + doc + ")"
                                 : run + " " + doc;
  }
  return fmt::format("base64 -d <<'{}' | {}\n{}", token, run,
                     HereDocLines(command.stdin_data, token));
}

std::string ReadFileBody(const std::string& path) {
  std::string p = ShellQuote(path);
  return fmt::format("if [ -e {0} ]; then cat -- {0}; else kilter_rc {1}; fi", p, kMissing);
}

std::string StatBody(const std::string& path) {
  std::string p = ShellQuote(path);
  return fmt::format(
      "if [ -e {0} ]; then LC_ALL=C stat -L -c '%a %u %g %s %U %G %F' -- {0}; "
      "else kilter_rc {1}; fi",
      p, kMissing);
}

std::string WriteFileBody(const std::string& path, const std::string& content,
                          const WriteOptions& options, const std::string& token,
                          const std::string& temp_suffix) {
  std::string dir = DirName(path);
  std::string temp = ShellQuote(dir + "/." + BaseName(path) + ".kilter-" + temp_suffix);
  std::string chown;
  if (!options.owner.empty() || !options.group.empty()) {
    std::string spec = options.owner + (options.group.empty() ? "" : ":" + options.group);
    chown = fmt::format("chown -- {} {} && ", ShellQuote(spec), temp);
  }
  // umask 077 and noclobber: the temp file is created fresh (O_EXCL, so no
  // planted symlink is followed) and unreadable by others until its mode is
  // set. chown before chmod: changing the owner clears set-user-ID bits.
  return fmt::format(
      "if ( umask 077; set -C; base64 -d > {temp} <<'{token}'\n{data}) && {chown}"
      "chmod {mode:04o} -- {temp} && sync -- {temp} && mv -f -T -- {temp} {path}; "
      "then sync -- {dir}; else kilter_r=$?; rm -f -- {temp}; kilter_rc \"$kilter_r\"; fi",
      fmt::arg("temp", temp), fmt::arg("token", token),
      fmt::arg("data", HereDocLines(content, token)), fmt::arg("chown", chown),
      fmt::arg("mode", options.mode & 07777), fmt::arg("path", ShellQuote(path)),
      fmt::arg("dir", ShellQuote(dir)));
}

std::string RemoveBody(const std::string& path) {
  return "rm -f -- " + ShellQuote(path);
}

std::optional<FileStat> ParseStat(std::string_view out) {
  while (!out.empty() && out.back() == '\n') out.remove_suffix(1);
  std::string_view fields[6];
  for (std::string_view& field : fields) {
    size_t space = out.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    field = out.substr(0, space);
    out.remove_prefix(space + 1);
  }
  FileStat stat;
  uint32_t uid = 0, gid = 0;
  auto number = [](std::string_view text, auto& value, int base) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    return ec == std::errc() && end == text.data() + text.size();
  };
  if (!number(fields[0], stat.mode, 8) || !number(fields[1], uid, 10) ||
      !number(fields[2], gid, 10) || !number(fields[3], stat.size, 10)) {
    return std::nullopt;
  }
  // stat prints UNKNOWN for an id without a name; the number says more.
  stat.owner = fields[4] == "UNKNOWN" ? std::to_string(uid) : std::string(fields[4]);
  stat.group = fields[5] == "UNKNOWN" ? std::to_string(gid) : std::string(fields[5]);
  stat.is_dir = out == "directory";
  return stat;
}

ResponseReader::ResponseReader(std::string token)
    : out_marker_("\n" + token + " "), err_marker_("\n" + token + "\n") {}

void ResponseReader::AddOut(std::string_view data) {
  out_.append(data);
  if (out_end_ != std::string::npos) return;
  size_t at = Find(out_, out_marker_, &out_scan_);
  if (at == std::string::npos) return;
  size_t code = at + out_marker_.size();
  size_t eol = out_.find('\n', code);
  if (eol == std::string::npos) {
    out_scan_ = at;  // the exit code is still on its way
    return;
  }
  std::from_chars(out_.data() + code, out_.data() + eol, exit_code_);
  out_end_ = at;
}

void ResponseReader::AddErr(std::string_view data) {
  err_.append(data);
  if (err_end_ != std::string::npos) return;
  err_end_ = Find(err_, err_marker_, &err_scan_);
}

CommandResult ResponseReader::Take() {
  CommandResult result;
  result.exit_code = exit_code_;
  if (out_end_ != std::string::npos) out_.resize(out_end_);
  if (err_end_ != std::string::npos) err_.resize(err_end_);
  result.out = std::move(out_);
  result.err = std::move(err_);
  return result;
}

}  // namespace kilter::reconciler::shell_protocol
