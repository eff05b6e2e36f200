#include <cstdio>

#include <fmt/format.h>

#include "compiler/base/render_text.h"
#include "compiler/driver/disk_reader.h"
#include "compiler/driver/spec_files.h"
#include "compiler/syntax/parser.h"
#include "compiler/syntax/printer.h"
#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/compile_commands.h"
#include "reconciler/cli/compile_flags.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter fmt [--check] [PATH...]\n"
    "\n"
    "Rewrites .kilt files in canonical form: every .kilt file below each PATH\n"
    "(default: the current directory). Comments are kept, and formatting\n"
    "formatted text changes nothing. Each file is replaced atomically; a file\n"
    "with syntax errors is left untouched and its errors are shown.\n"
    "\n"
    "Prints the name of each file it changed. Exit status: 0 on success, 1 when\n"
    "a file has syntax errors or cannot be written (or, with --check, when a\n"
    "file would change).\n"
    "\n"
    "flags:\n"
    "  --check        change nothing; name each file that is not formatted and\n"
    "                 exit 1 if there is one (for CI)\n"
    "  --color WHEN   colour syntax errors: auto (default), always or never\n";

/// Formats one file; returns false when it has syntax errors or cannot be written.
bool FormatFile(const compiler::SourceFile& file, bool check, const std::string& color,
                bool& changed) {
  compiler::Diagnostics diags;
  std::unique_ptr<compiler::ast::File> ast = compiler::Parse(file, diags);
  if (diags.has_errors() || !ast) {
    diags.Sort();
    compiler::TextStyle style{UseColor(color, stderr)};
    for (const auto& d : diags.all()) fmt::print(stderr, "{}", compiler::RenderText(d, style));
    fmt::print(stderr, "{}: not formatted, it has syntax errors\n", file.path());
    return false;
  }
  std::string formatted = compiler::Format(*ast);
  changed = formatted != file.text();
  if (!changed) return true;
  if (check) {
    fmt::print("{}: not formatted\n", file.path());
    return true;
  }
  WriteFileAtomically(file.path(), formatted);
  fmt::print("{}: formatted\n", file.path());
  return true;
}

int Run(const std::vector<std::string>& argv) {
  Args args(argv, {"check"}, {"color"});
  bool check = args.Has("check");
  std::vector<std::string> paths = args.positionals();
  if (paths.empty()) paths.push_back(".");
  compiler::DiskReader disk;
  compiler::PrefetchReader reader(disk);
  compiler::Diagnostics found;
  std::vector<std::string> files = compiler::FindSpecFiles(paths, reader, found);
  bool ok = !found.has_errors();
  for (const auto& d : found.all()) {
    fmt::print(stderr, "{}", compiler::RenderText(d, {UseColor(args.Get("color"), stderr)}));
  }
  bool unformatted = false;
  for (const std::string& path : files) {
    std::string text;
    std::string error;
    reader.Read(path, text, error);
    compiler::SourceFile file(path, std::move(text));
    bool changed = false;
    try {
      ok = FormatFile(file, check, args.Get("color", "auto"), changed) && ok;
    } catch (const std::runtime_error& e) {
      fmt::print(stderr, "kilter fmt: {}\n", e.what());
      ok = false;
    }
    unformatted = unformatted || changed;
  }
  return ok && !(check && unformatted) ? 0 : 1;
}

}  // namespace

const CommandSpec kFmtCommand = {"fmt", "rewrite .kilt files in canonical form", kHelp, &Run};

}  // namespace kilter::cli
