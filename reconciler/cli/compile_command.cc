#include <cstdio>

#include <fmt/format.h>

#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/compile_commands.h"
#include "reconciler/cli/compile_flags.h"

namespace kilter::cli {

namespace {

constexpr char kHelp[] =
    "usage: kilter compile [PATH...] [-o FILE] [flags]\n"
    "\n"
    "Compiles the specs (as `kilter check` does) and writes the desired-state\n"
    "catalog as JSON: the inventory's hosts with their provider settings, and\n"
    "every resource with its address `TYPE \"NAME\" @ HOST`, its fully evaluated\n"
    "fields (defaults applied, units normalised), its dependencies and its\n"
    "source location. docs/catalog-format.md describes the format.\n"
    "\n"
    "Diagnostics go to standard error. When there are errors nothing is written\n"
    "and the exit status is 1; otherwise it is 0.\n"
    "\n"
    "flags:\n"
    "  -o, --output FILE    where to write the catalog; `-` (the default) is\n"
    "                       standard output. A file is replaced atomically.\n" KILTER_COMPILE_FLAGS_HELP;

int Run(const std::vector<std::string>& argv) {
  std::set<std::string> options = CompileOptions();
  options.insert("output");
  Args args(argv, {}, options, {{"o", "output"}});
  CompileFlags flags = ReadCompileFlags(args);
  std::string output = args.Get("output", "-");
  compiler::Compilation compilation;
  CompileFromDisk(flags, compilation);
  bool failed = compilation.diags.has_errors();
  if (failed || !compilation.diags.all().empty() || flags.format != DiagFormat::kText) {
    PrintDiagnostics(compilation, flags, stderr, true);
  }
  if (failed) return 1;
  std::string json = catalog::ToJson(compilation.catalog).dump(2) + "\n";
  WriteOutput(output, json);
  if (output != "-") {
    size_t resources = compilation.catalog.resources.size();
    size_t hosts = compilation.catalog.hosts.size();
    fmt::print(stderr, "wrote {}: {} resource{} on {} host{}\n", output, resources,
               resources == 1 ? "" : "s", hosts, hosts == 1 ? "" : "s");
  }
  return 0;
}

}  // namespace

const CommandSpec kCompileCommand = {"compile", "write the desired-state catalog as JSON", kHelp,
                                     &Run};

}  // namespace kilter::cli
