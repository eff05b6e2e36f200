#include "compiler/sema/memory_budget.h"

#include <algorithm>
#include <limits>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "compiler/catalog/units.h"
#include "compiler/sema/codes.h"

namespace kilter::compiler {

namespace {

struct Consumer {
  int64_t bytes = 0;
  std::string what;
  std::string address;  ///< TYPE "NAME"
  Span at;
};

/// The consumers on `host`: one per `memory` line of each resource, but one
/// per line and host_wide type, the largest.
std::vector<Consumer> ConsumersOn(const std::string& host,
                                  const std::vector<EvaluatedResource>& resources) {
  std::vector<Consumer> out;
  std::map<std::pair<std::string, size_t>, size_t> host_wide;  // (type, line) -> index in out
  for (const EvaluatedResource& r : resources) {
    if (r.resource.host != host) continue;
    for (size_t line = 0; line < r.memory.size(); ++line) {
      const MemoryUse& use = r.memory[line];
      Consumer c{use.bytes, use.what,
                 fmt::format("{} \"{}\"", r.resource.type, r.resource.name), use.at};
      if (!r.host_wide) {
        out.push_back(std::move(c));
        continue;
      }
      auto [it, fresh] = host_wide.emplace(std::make_pair(r.resource.type, line), out.size());
      if (fresh) out.push_back(std::move(c));
      else if (c.bytes > out[it->second].bytes) out[it->second] = std::move(c);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Consumer& a, const Consumer& b) { return a.bytes > b.bytes; });
  return out;
}

int64_t Total(const std::vector<Consumer>& consumers) {
  int64_t total = 0;
  for (const Consumer& c : consumers) {
    total = c.bytes > std::numeric_limits<int64_t>::max() - total
                ? std::numeric_limits<int64_t>::max()
                : total + c.bytes;
  }
  return total;
}

}  // namespace

void CheckMemoryBudget(const Inventory& inventory, const std::vector<EvaluatedResource>& resources,
                       Diagnostics& diags) {
  for (const auto& [host, memory] : inventory.host_memory) {
    std::vector<Consumer> consumers = ConsumersOn(host, resources);
    int64_t total = Total(consumers);
    // Above 90 %: the kernel, the page cache and every process's own
    // overhead need the rest.
    bool over = total > memory.bytes;
    if (!over && total <= memory.bytes / 10 * 9) continue;
    Diagnostic d;
    d.severity = over ? Severity::kError : Severity::kWarning;
    d.code = over ? codes::kOverMemory : codes::kNearMemory;
    d.span = memory.span;
    double percent = 100.0 * static_cast<double>(total) / static_cast<double>(memory.bytes);
    d.message = fmt::format(
        "host {}: the specs let its processes take {} in all, {:.0f} % of its memory = \"{}\"{}",
        host, catalog::units::FormatSize(total), percent,
        catalog::units::FormatSize(memory.bytes), over ? "" : ", above 90 %");
    d.hint = over ? "lower the largest of these, or move one to another host"
                  : "leave a tenth for the kernel, the page cache and the processes' own overhead";
    for (const Consumer& c : consumers) {
      d.related.push_back(
          {c.at, fmt::format("{}: {} ({})", catalog::units::FormatSize(c.bytes), c.what, c.address)});
    }
    diags.Add(std::move(d));
  }
}

}  // namespace kilter::compiler
