// kilter_manual man|bash-completion FILE: writes kilter(1) or the bash
// completion, made at build time (packaging/CMakeLists.txt) from the command
// table kilter itself runs, so neither can fall behind `kilter --help`.
#include <cstring>
#include <exception>
#include <string>

#include <fmt/format.h>

#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/bash_completion.h"
#include "reconciler/cli/command.h"
#include "reconciler/cli/man_page.h"
#include "reconciler/cli/version.h"

int main(int argc, char** argv) {
  if (argc != 3 || (std::strcmp(argv[1], "man") && std::strcmp(argv[1], "bash-completion"))) {
    fmt::print(stderr, "usage: kilter_manual man|bash-completion FILE\n");
    return 1;
  }
  const auto& commands = kilter::cli::Commands();
  std::string text = std::strcmp(argv[1], "man")
                         ? kilter::cli::BashCompletion(commands)
                         : kilter::cli::ManPage(commands, kilter::cli::Version());
  try {
    kilter::cli::WriteFileAtomically(argv[2], text);
  } catch (const std::exception& e) {
    fmt::print(stderr, "kilter_manual: {}\n", e.what());
    return 1;
  }
  return 0;
}
