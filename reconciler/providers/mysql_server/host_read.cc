#include "reconciler/providers/mysql_server/host_read.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/mysql_option_files.h"
#include "reconciler/providers/provider.h"
#include "reconciler/transport/shell_quote.h"

namespace kilter::reconciler::mysql_server {

namespace {

constexpr const char* kVariables = "variables";
constexpr const char* kDefaults = "defaults";
constexpr const char* kFiles = "files";

std::string ReadSql(const std::vector<std::string>& names) {
  std::string in;
  for (const std::string& n : names) {
    std::string upper = n;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    // Names are [a-z0-9_] once the schema's rule has passed; quote anyway.
    std::string quoted;
    for (char c : upper) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    in += (in.empty() ? "'" : ",'") + quoted + "'";
  }
  return fmt::format(
      "SELECT JSON_OBJECT('name','@version','value',VERSION());\n"
      "SELECT JSON_OBJECT('name',VARIABLE_NAME,'value',GLOBAL_VALUE,'type',VARIABLE_TYPE,"
      "'read_only',READ_ONLY,'min',NUMERIC_MIN_VALUE,'max',NUMERIC_MAX_VALUE,"
      "'block',NUMERIC_BLOCK_SIZE,'values',ENUM_VALUE_LIST)"
      " FROM information_schema.SYSTEM_VARIABLES WHERE VARIABLE_NAME IN ({});\n",
      in.empty() ? "''" : in);
}

std::string PrintDefaultsCommand(const Settings& settings) {
  std::string command = ShellQuote(settings.print_defaults);
  if (!settings.config_file.empty()) {
    command += " " + ShellQuote("--defaults-file=" + settings.config_file);
  }
  return command + " --mysqld";
}

}  // namespace

kit::ReadBatch ReadBatchFor(const Settings& settings, const std::vector<std::string>& names) {
  kit::ReadBatch batch;
  Command client = mysql::ClientCommand(settings.Client(), ReadSql(names));
  batch.AddCommand(kVariables, client.Display(), client.stdin_data, true);
  batch.AddCommand(kDefaults, PrintDefaultsCommand(settings));
  batch.AddGlob(kFiles, settings.include_dir, "*.cnf", true);
  return batch;
}

ServerState StateFrom(const std::string& host, const Settings& settings,
                      const kit::BatchResult& read) {
  ServerState state;
  const kit::CommandRead& vars = read.Command(kVariables);
  if (!vars.ok()) {
    CommandResult result{vars.exit_code, vars.out, vars.err};
    throw ProviderError(
        mysql::DescribeFailure(host + ": mysql.server: reading server variables: ", settings.Client(), result));
  }
  try {
    state.variables = ParseVariables(vars.out, state.version);
  } catch (const std::exception& e) {
    throw ProviderError(fmt::format("{}: mysql.server: {}", host, e.what()));
  }
  const kit::CommandRead& defaults = read.Command(kDefaults);
  if (!defaults.ok()) {
    throw ProviderError(fmt::format(
        "{}: mysql.server: `{}` failed (exit {}): {}; set `print_defaults` and `config_file` in "
        "[providers.\"mysql.server\"] to the option-listing program and the server's option file",
        host, PrintDefaultsCommand(settings), defaults.exit_code,
        defaults.err.empty() ? defaults.out : defaults.err));
  }
  state.options = ParsePrintDefaults(defaults.out);
  for (const std::string& path : read.Glob(kFiles)) {
    const kit::FileRead& f = read.File(path);
    if (!f.error.empty()) {
      throw ProviderError(fmt::format("{}: mysql.server: cannot read {}: {}", host, path, f.error));
    }
    if (!f.regular) continue;
    if (path.rfind(settings.include_dir + "/kilter-", 0) == 0) {
      state.files[path] = f.content;
      continue;
    }
    // Of another file only the names it sets: its text may hold passwords.
    for (const auto& [name, value] : mysql::ServerOptions(f.content)) state.others[path].push_back(name);
  }
  return state;
}

}  // namespace kilter::reconciler::mysql_server
