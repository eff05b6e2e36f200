// Keeps the settings table of each provider page in step with the provider's
// `settings` schema in stdlib/: the table between the markers
//   <!-- settings NAME: generated from stdlib/schemas by docs/settings_tables.cc -->
//   <!-- end of settings NAME -->
// is what this tool prints for NAME. `--check FILES` fails naming each page
// whose table is out of date (a ctest runs it); `--write FILES` rewrites them.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compiler/base/diagnostic.h"
#include "compiler/sema/conform.h"
#include "compiler/sema/eval.h"
#include "compiler/sema/hosts.h"
#include "compiler/sema/root_scope.h"
#include "compiler/sema/reporter.h"
#include "compiler/sema/schema_registry.h"
#include "compiler/sema/value.h"

namespace {

using kilter::compiler::Schema;
using kilter::compiler::SchemaRegistry;

std::string Escape(std::string text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

/// The Markdown table of one provider's settings: key, type, default, doc.
std::string Table(const Schema& schema) {
  std::string out = "| setting | type | default | what it is |\n|---|---|---|---|\n";
  for (const kilter::compiler::SemField& f : schema.fields->fields) {
    std::string def = f.default_value ? kilter::compiler::Show(*f.default_value) : "(none)";
    out += fmt::format("| `{}` | {} | `{}` | {} |\n", f.name, Escape(f.type->Name()), Escape(def),
                       Escape(f.doc));
  }
  return out;
}

/// `text` with every marked table regenerated; false when a marker names no provider.
bool Regenerate(const SchemaRegistry& registry, const std::string& path, std::string& text) {
  static const std::string kOpen = "<!-- settings ";
  static const std::string kOpenEnd = ": generated from stdlib/schemas by docs/settings_tables.cc -->\n";
  size_t at = 0;
  while ((at = text.find(kOpen, at)) != std::string::npos) {
    size_t name_end = text.find(kOpenEnd, at);
    if (name_end == std::string::npos) {
      at += kOpen.size();
      continue;
    }
    std::string name = text.substr(at + kOpen.size(), name_end - at - kOpen.size());
    const Schema* schema = registry.FindSettings(name);
    std::string close = fmt::format("<!-- end of settings {} -->", name);
    size_t body = name_end + kOpenEnd.size();
    size_t end = text.find(close, body);
    if (!schema || end == std::string::npos) {
      fmt::print(stderr, "{}: no `settings {}` in stdlib, or no \"{}\"\n", path, name, close);
      return false;
    }
    text.replace(body, end - body, Table(*schema));
    at = body;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if ((mode != "--check" && mode != "--write") || argc < 3) {
    fmt::print(stderr, "usage: settings_tables --check|--write PAGE.md...\n");
    return 2;
  }
  kilter::compiler::SourceManager sources;
  kilter::compiler::Diagnostics diags;
  kilter::compiler::Reporter rep(diags);
  kilter::compiler::Evaluator ev(rep);
  kilter::compiler::HostTable hosts(nullptr);
  kilter::compiler::Conformer conform(rep, hosts);
  kilter::compiler::RootScope builtins(nullptr);
  SchemaRegistry registry;
  registry.LoadStdlib(sources, diags, ev, builtins, conform);
  if (diags.has_errors()) {
    fmt::print(stderr, "the stdlib schemas do not compile\n");
    return 1;
  }
  int stale = 0;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i]);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string before = buffer.str();
    std::string after = before;
    if (!in || !Regenerate(registry, argv[i], after)) return 1;
    if (after == before) continue;
    if (mode == "--write") {
      std::ofstream(argv[i]) << after;
      fmt::print("updated {}\n", argv[i]);
    } else {
      fmt::print(stderr, "{}: the settings table is out of date; run scripts/refresh-settings-docs\n",
                 argv[i]);
      ++stale;
    }
  }
  return stale ? 1 : 0;
}
