#pragma once

#include <cstdio>
#include <set>
#include <string>

#include "compiler/driver/compile.h"
#include "reconciler/cli/args.h"

namespace kilter::cli {

/// The --help lines of the flags every compiling command takes.
#define KILTER_COMPILE_FLAGS_HELP                                                         \
  "  --inventory FILE     the inventory (default: kilter.toml beside the specs, that is\n" \
  "                       in the first PATH when it is a directory, else beside it)\n"     \
  "  --param NAME=VALUE   override a `param` (repeatable; wins over kilter.toml [params])\n" \
  "  --format FORMAT      diagnostics as text (default), json or sarif\n"                 \
  "  --max-errors N       show at most N errors (default 100; 0: no limit)\n"             \
  "  --color WHEN         colour text diagnostics: auto (default: on a terminal, unless\n" \
  "                       NO_COLOR is set), always or never\n"

/// How diagnostics are written.
enum class DiagFormat { kText, kJson, kSarif };

/// What the shared flags asked for.
struct CompileFlags {
  compiler::CompileRequest request;
  DiagFormat format = DiagFormat::kText;
  std::string color = "auto";
};

/// The option names of KILTER_COMPILE_FLAGS_HELP, to merge into a command's options.
std::set<std::string> CompileOptions();

/// Reads the shared flags and the PATH positionals. Throws UsageError.
CompileFlags ReadCompileFlags(const Args& args);

/// Compiles from disk as the flags say.
void CompileFromDisk(const CompileFlags& flags, compiler::Compilation& out);

/// Writes the diagnostics of `c` to `out` in the chosen format. Text ends with
/// the "N errors, M warnings" line when `summary` is set, and is coloured when
/// --color says so (auto: `out` is a terminal and NO_COLOR is unset or empty).
void PrintDiagnostics(const compiler::Compilation& c, const CompileFlags& flags, FILE* out,
                      bool summary);

/// Whether text written to `out` should be coloured under --color `mode`.
bool UseColor(const std::string& mode, FILE* out);

}  // namespace kilter::cli
