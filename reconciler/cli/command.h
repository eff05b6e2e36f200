#pragma once

#include <string>
#include <vector>

namespace kilter::cli {

/// One `kilter COMMAND`: its name, one-line summary, full --help text, and
/// entry point (args exclude "kilter COMMAND"; returns the exit code).
struct CommandSpec {
  const char* name;
  const char* summary;
  const char* help;
  int (*run)(const std::vector<std::string>& args);
};

/// What kilter is, in one line: heads `kilter --help` and names the man page.
extern const char kKilterSummary[];

/// The command table, in the order `kilter --help` lists them (commands.cc).
const std::vector<CommandSpec>& Commands();

}  // namespace kilter::cli
