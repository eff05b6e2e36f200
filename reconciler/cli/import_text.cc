#include "reconciler/cli/import_text.h"

#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "compiler/base/render_text.h"
#include "compiler/syntax/parser.h"
#include "compiler/syntax/printer.h"

namespace kilter::cli {

std::string ImportedSpecText(const reconciler::kit::SpecFile& file, const std::string& host,
                             const std::string& type) {
  std::string header = fmt::format(
      "Imported by `kilter import --host {} --type {}` from the live host: kilter adopts\n"
      "these objects as they are and marks them at the next apply that changes them.",
      host, type);
  std::string text = reconciler::kit::RenderSpec(header, file);
  compiler::SourceFile source("import.kilt", text);
  compiler::Diagnostics diags;
  std::unique_ptr<compiler::ast::File> ast = compiler::Parse(source, diags);
  if (diags.has_errors() || !ast) {
    std::string said;
    for (const auto& d : diags.all()) said += compiler::RenderText(d, {false});
    throw std::runtime_error(
        fmt::format("{}: {}: the imported specs do not parse:\n{}{}", host, type, said, text));
  }
  return compiler::Format(*ast);
}

}  // namespace kilter::cli
