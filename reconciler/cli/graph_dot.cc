#include "reconciler/cli/graph_dot.h"

#include <map>
#include <vector>

#include <fmt/format.h>

namespace kilter::cli {

namespace {

/// A DOT double-quoted ID: quotes and backslashes escaped.
std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string GraphDot(const catalog::Catalog& catalog) {
  std::map<std::string, std::vector<const catalog::Resource*>> by_host;
  for (const catalog::Resource& r : catalog.resources) by_host[r.host].push_back(&r);
  std::string out =
      "digraph kilter {\n"
      "  rankdir=LR;\n"
      "  node [shape=box, fontname=\"monospace\"];\n";
  size_t cluster = 0;
  for (const auto& [host, resources] : by_host) {
    out += fmt::format("  subgraph cluster_{} {{\n    label={};\n", cluster++, Quote(host));
    for (const catalog::Resource* r : resources) {
      out += fmt::format("    {} [label={}];\n", Quote(r->Address()),
                         Quote(fmt::format("{} \"{}\"", r->type, r->name)));
    }
    out += "  }\n";
  }
  for (const catalog::Resource& r : catalog.resources) {
    for (const std::string& before : r.after) {
      out += fmt::format("  {} -> {};\n", Quote(before), Quote(r.Address()));
    }
  }
  return out + "}\n";
}

}  // namespace kilter::cli
