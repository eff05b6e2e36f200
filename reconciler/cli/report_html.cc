#include "reconciler/cli/report_html.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/cli/atomic_file.h"
#include "reconciler/cli/reconcile_flags.h"
#include "reconciler/report/render_html.h"
#include "reconciler/report/report_model.h"

namespace kilter::cli {

namespace {

/// Folds every line of the log at `path` into `builder`, one line in memory
/// at a time.
void ReadLog(const std::string& path, reconciler::ReportBuilder& builder) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("cannot read the run log {}", path));
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.empty()) continue;
    try {
      builder.Add(nlohmann::json::parse(text));
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(fmt::format("{}:{}: not JSON: {}", path, number, e.what()));
    } catch (const reconciler::RunLogError& e) {
      throw std::runtime_error(fmt::format("{}:{}: {}", path, number, e.what()));
    }
  }
}

}  // namespace

int RunReportHtml(const Args& args) {
  const std::vector<std::string>& pos = args.positionals();
  if (pos.size() < 2) throw UsageError("expected `kilter report html DIR --log FILE [PATH...]`");
  if (!args.Has("log")) throw UsageError("report html needs the run log: --log FILE");
  for (const char* merge_only : {"format", "output"}) {
    if (args.Has(merge_only)) {
      throw UsageError(fmt::format("report html takes no --{}", merge_only));
    }
  }
  catalog::Catalog specs;
  if (!CompileSpecs(CompileArgv(args, 2), specs)) return 1;
  reconciler::ReportBuilder builder(specs);
  ReadLog(args.Get("log"), builder);
  reconciler::ReportModel model = builder.Finish();
  std::string html = reconciler::RenderReportHtml(model, args.Get("log"));
  std::filesystem::create_directories(pos[1]);
  std::string page = (std::filesystem::path(pos[1]) / "index.html").string();
  WriteFileAtomically(page, html);
  fmt::print("Wrote {} ({} bytes): {} hosts, {} runs logged.\n", page, html.size(),
             model.hosts.size(), model.lines);
  return 0;
}

}  // namespace kilter::cli
