#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "reconciler/cli/args.h"
#include "reconciler/cli/compile_commands.h"
#include "reconciler/cli/error_pages.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter explain CODE\n"
    "       kilter explain --list\n"
    "\n"
    "Prints the documentation of a diagnostic code (E0203, W0201, ...): what it\n"
    "means, an example, and how to fix it. The pages are docs/errors/CODE.md,\n"
    "built into kilter.\n"
    "\n"
    "flags:\n"
    "  --list   list every code with its one-line title\n";

int Run(const std::vector<std::string>& argv) {
  Args args(argv, {"list"}, {});
  if (args.Has("list")) {
    for (const docs::ErrorDoc& page : docs::ErrorDocs()) {
      fmt::print("{}  {}\n", page.code, PageTitle(page));
    }
    return 0;
  }
  if (args.positionals().size() != 1) throw UsageError("give one CODE, e.g. kilter explain E0203");
  const std::string& code = args.positionals()[0];
  if (const docs::ErrorDoc* page = FindErrorPage(code)) {
    fmt::print("{}", page->text);
    return 0;
  }
  std::vector<std::string> codes;
  for (const docs::ErrorDoc& page : docs::ErrorDocs()) codes.emplace_back(page.code);
  std::string hint = compiler::DidYouMean(code, codes);
  fmt::print(stderr, "kilter explain: no code {} is documented{}\n", code,
             hint.empty() ? "" : "; " + hint);
  fmt::print(stderr, "(`kilter explain --list` lists every code)\n");
  return 1;
}

}  // namespace

const CommandSpec kExplainCommand = {"explain", "describe a diagnostic code (E0203 ...)", kHelp,
                                     &Run};

}  // namespace kilter::cli
