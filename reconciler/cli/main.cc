#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "reconciler/cli/args.h"
#include "reconciler/cli/command.h"
#include "reconciler/cli/version.h"

namespace {

void PrintUsage() {
  fmt::print("kilter: {}.\n\nusage: kilter COMMAND [ARGS...]\n\ncommands:\n",
             kilter::cli::kKilterSummary);
  for (const auto& c : kilter::cli::Commands()) fmt::print("  {:<10} {}\n", c.name, c.summary);
  fmt::print("\n`kilter COMMAND --help` describes a command and its flags.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    PrintUsage();
    return argc < 2 ? 1 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    fmt::print("kilter {} (commit {})\n", kilter::cli::Version(), kilter::cli::BuildCommit());
    return 0;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& c : kilter::cli::Commands()) {
    if (c.name != std::string(argv[1])) continue;
    for (const std::string& a : args) {
      if (a == "--help" || a == "-h") {
        fmt::print("{}", c.help);
        return 0;
      }
    }
    try {
      return c.run(args);
    } catch (const kilter::cli::UsageError& e) {
      fmt::print(stderr, "kilter {}: {}\n(see `kilter {} --help`)\n", c.name, e.what(), c.name);
      return 1;
    } catch (const std::exception& e) {
      fmt::print(stderr, "kilter {}: error: {}\n", c.name, e.what());
      return 1;
    }
  }
  fmt::print(stderr, "kilter: unknown command '{}' (see `kilter --help`)\n", argv[1]);
  return 1;
}
