#include "reconciler/cli/compile_flags.h"

#include <unistd.h>

#include <cstdlib>
#include <limits>

#include <fmt/format.h>

#include "compiler/base/render_json.h"
#include "compiler/base/render_sarif.h"
#include "compiler/base/render_text.h"
#include "compiler/driver/disk_reader.h"
#include "reconciler/cli/error_pages.h"
#include "reconciler/cli/version.h"

namespace kilter::cli {

std::set<std::string> CompileOptions() {
  return {"inventory", "param", "format", "max-errors", "color"};
}

CompileFlags ReadCompileFlags(const Args& args) {
  CompileFlags flags;
  flags.request.paths = args.positionals();
  flags.request.inventory = args.Get("inventory");
  for (const std::string& p : args.GetAll("param")) {
    size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw UsageError(fmt::format("--param takes NAME=VALUE, not \"{}\"", p));
    }
    flags.request.param_overrides[p.substr(0, eq)] = p.substr(eq + 1);
  }
  std::string format = args.Get("format", "text");
  if (format == "text") {
    flags.format = DiagFormat::kText;
  } else if (format == "json") {
    flags.format = DiagFormat::kJson;
  } else if (format == "sarif") {
    flags.format = DiagFormat::kSarif;
  } else {
    throw UsageError(fmt::format("--format is text, json or sarif, not \"{}\"", format));
  }
  std::string max = args.Get("max-errors", "100");
  char* end = nullptr;
  unsigned long long n = std::strtoull(max.c_str(), &end, 10);
  if (max.empty() || *end != '\0' || max[0] == '-') {
    throw UsageError(fmt::format("--max-errors takes a number, not \"{}\"", max));
  }
  flags.request.max_errors = n == 0 ? std::numeric_limits<size_t>::max() : n;
  flags.color = args.Get("color", "auto");
  if (flags.color != "auto" && flags.color != "always" && flags.color != "never") {
    throw UsageError(fmt::format("--color is auto, always or never, not \"{}\"", flags.color));
  }
  return flags;
}

compiler::Compilation& LastingCompilation() { return *new compiler::Compilation; }

void CompileFromDisk(const CompileFlags& flags, compiler::Compilation& out) {
  compiler::DiskReader disk;
  compiler::Compile(flags.request, disk, out);
}

bool UseColor(const std::string& mode, FILE* out) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return ::isatty(::fileno(out));
}

void PrintDiagnostics(const compiler::Compilation& c, const CompileFlags& flags, FILE* out,
                      bool summary) {
  switch (flags.format) {
    case DiagFormat::kText: {
      compiler::TextStyle style{UseColor(flags.color, out)};
      if (summary) {
        fmt::print(out, "{}", compiler::RenderText(c.diags, style));
      } else {
        for (const auto& d : c.diags.all()) fmt::print(out, "{}", compiler::RenderText(d, style));
      }
      break;
    }
    case DiagFormat::kJson:
      fmt::print(out, "{}\n", compiler::RenderJson(c.diags).dump(2));
      break;
    case DiagFormat::kSarif:
      compiler::SarifTool tool{Version(), PageTitles()};
      fmt::print(out, "{}\n", compiler::RenderSarif(c.diags, tool).dump(2));
      break;
  }
  std::fflush(out);
}

}  // namespace kilter::cli
