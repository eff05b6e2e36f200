#include "reconciler/providers/kit/mysql_client.h"

#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql {

Command ClientCommand(const ClientSettings& settings, const std::string& sql, bool force) {
  Command c;
  c.argv.push_back(settings.client);
  // --defaults-file must come first; it names a file, never a secret.
  if (!settings.defaults_file.empty()) {
    c.argv.push_back("--defaults-file=" + settings.defaults_file);
  }
  for (const char* arg : {"--batch", "--raw", "--skip-column-names",
                          "--default-character-set=utf8mb4"}) {
    c.argv.push_back(arg);
  }
  c.argv.push_back(fmt::format("--connect-timeout={}", settings.connect_timeout));
  if (force) c.argv.push_back("--force");
  c.stdin_data = sql;
  return c;
}

std::string QuoteIdent(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string QuoteString(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    switch (c) {
      case '\'': out += "''"; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\0': out += "\\0"; break;
      default: out += c;
    }
  }
  return out + "'";
}

std::vector<SqlError> ParseErrors(const std::string& err) {
  static const std::regex kError(R"(^ERROR (\d+) \(\w+\)(?: at line (\d+))?.*$)");
  std::vector<SqlError> out;
  std::istringstream in(err);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, kError)) continue;
    out.push_back({std::stoi(m[1]), m[2].matched ? std::stoi(m[2]) : 0, line});
  }
  return out;
}

std::string DescribeFailure(const std::string& what, const ClientSettings& settings,
                            const CommandResult& result) {
  std::string err = result.err.empty() ? result.out : result.err;
  while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
  std::string file = settings.defaults_file.empty() ? "the client's default option files"
                                                    : settings.defaults_file;
  if (result.exit_code == 127) {
    return what + fmt::format("the client `{}` is not installed on the host (setting `client`)",
                              settings.client);
  }
  if (result.exit_code == 124) {
    return what + "the client did not finish in time: " + err;
  }
  for (const SqlError& e : ParseErrors(err)) {
    if (e.code == 1045 || e.code == 1044 || e.code == 1698) {
      return what + fmt::format("the server refused the login ({}); check the user and password "
                                "in {}",
                                e.message, file);
    }
    if (e.code == 2002 || e.code == 2003 || e.code == 2005 || e.code == 2013) {
      return what + fmt::format("cannot reach the server ({}); check host, port or socket in {}",
                                e.message, file);
    }
  }
  if (err.find("defaults file") != std::string::npos) {
    return what + fmt::format("the client cannot read the option file {} ({})", file, err);
  }
  return what + fmt::format("`{}` failed (exit {}): {}", settings.client, result.exit_code, err);
}

}  // namespace kilter::reconciler::mysql
