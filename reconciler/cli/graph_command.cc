#include <cstdio>

#include <fmt/format.h>

#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/compile_commands.h"
#include "reconciler/cli/compile_flags.h"
#include "reconciler/cli/graph_dot.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter graph [PATH...] [-o FILE] [flags]\n"
    "\n"
    "Compiles the specs and prints their dependency graph in Graphviz DOT: one\n"
    "node per resource, named by its address `TYPE \"NAME\" @ HOST`, grouped in\n"
    "one cluster per host, and an edge A -> B when B lists A in `after` (A is\n"
    "applied first). Render it with e.g. `kilter graph | dot -Tsvg > graph.svg`.\n"
    "\n"
    "Diagnostics go to standard error; with errors no graph is printed and the\n"
    "exit status is 1.\n"
    "\n"
    "flags:\n"
    "  -o, --output FILE    write the graph to FILE instead of standard output\n"
    KILTER_COMPILE_FLAGS_HELP;

int Run(const std::vector<std::string>& argv) {
  std::set<std::string> options = CompileOptions();
  options.insert("output");
  Args args(argv, {}, options, {{"o", "output"}});
  CompileFlags flags = ReadCompileFlags(args);
  compiler::Compilation compilation;
  CompileFromDisk(flags, compilation);
  if (!compilation.diags.all().empty()) PrintDiagnostics(compilation, flags, stderr, true);
  if (compilation.diags.has_errors()) return 1;
  std::string dot = GraphDot(compilation.catalog);
  WriteOutput(args.Get("output", "-"), dot);
  return 0;
}

}  // namespace

const CommandSpec kGraphCommand = {"graph", "print the resource dependency graph (DOT)", kHelp,
                                   &Run};

}  // namespace kilter::cli
