#include <cstdio>

#include "reconciler/cli/compile_commands.h"
#include "reconciler/cli/compile_flags.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter check [PATH...] [flags]\n"
    "\n"
    "Compiles and lints the specs without touching any host: parses every .kilt\n"
    "file below each PATH (default: the current directory), loads the inventory,\n"
    "evaluates, type-checks against the stdlib schemas and runs the lints. Every\n"
    "problem is reported, up to --max-errors, each as FILE:LINE:COL with the\n"
    "source line, a caret under the spot and a hint where one helps.\n"
    "\n"
    "Diagnostics go to standard output. Exit status: 0 when there are no errors\n"
    "(warnings allowed), 1 when there are.\n"
    "\n"
    "flags:\n" KILTER_COMPILE_FLAGS_HELP
    "\n"
    "`kilter explain CODE` describes an error code.\n";

int Run(const std::vector<std::string>& argv) {
  Args args(argv, {}, CompileOptions());
  CompileFlags flags = ReadCompileFlags(args);
  compiler::Compilation compilation;
  CompileFromDisk(flags, compilation);
  PrintDiagnostics(compilation, flags, stdout, true);
  return compilation.diags.has_errors() ? 1 : 0;
}

}  // namespace

const CommandSpec kCheckCommand = {"check", "compile and lint the specs; exit 1 on errors", kHelp,
                                   &Run};

}  // namespace kilter::cli
