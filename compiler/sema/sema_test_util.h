#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "compiler/inventory/inventory.h"
#include "compiler/sema/evaluator.h"

/// Helpers for evaluator tests: specs in memory, a small inventory (web1,
/// web2, db1; group web = [web1, web2]) and one-line checks of diagnostics.
namespace kilter::compiler::testing {

/// Files from a map, as the driver's disk reader would give them.
class MemoryReader : public SourceReader {
 public:
  explicit MemoryReader(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  bool Read(const std::string& path, std::string& text, std::string& error) override {
    auto it = files_.find(path);
    if (it == files_.end()) {
      error = "no such file";
      return false;
    }
    ++reads[path];
    text = it->second;
    return true;
  }
  std::map<std::string, int> reads;

 private:
  std::map<std::string, std::string> files_;
};

/// One evaluation and everything it produced.
struct Result {
  SourceManager sources;
  Diagnostics diags;
  std::vector<EvaluatedResource> resources;
  nlohmann::json params;
  std::map<std::string, nlohmann::json> providers;  ///< host -> provider -> settings
  std::map<std::string, int> reads;

  /// Every diagnostic as "CODE line:col message [hint]", for failure output.
  std::string Text() const {
    std::string out;
    for (const Diagnostic& d : diags.all()) {
      std::string where = "-";
      if (d.span.file) {
        SourceFile::LineCol p = d.span.file->Position(d.span.begin);
        where = d.span.file->path() + ":" + std::to_string(p.line) + ":" + std::to_string(p.col);
      }
      out += d.code + " " + where + " " + d.message + (d.hint.empty() ? "" : " [" + d.hint + "]") +
             "\n";
    }
    return out;
  }
  const Diagnostic* Find(const std::string& code) const {
    for (const Diagnostic& d : diags.all()) {
      if (d.code == code) return &d;
    }
    return nullptr;
  }
  /// The text the primary span of `d` covers.
  static std::string Covered(const Diagnostic& d) {
    if (!d.span.file) return {};
    return d.span.file->text().substr(d.span.begin, d.span.end - d.span.begin);
  }
  const EvaluatedResource* Resource(const std::string& address) const {
    for (const EvaluatedResource& r : resources) {
      if (r.resource.Address() == address) return &r;
    }
    return nullptr;
  }
};

inline Inventory TestInventory() {
  Inventory inv;
  for (const char* name : {"web1", "web2", "db1"}) {
    catalog::Host h;
    h.name = name;
    h.address = "10.0.0.1";
    inv.hosts.push_back(h);
  }
  inv.groups["web"] = {"web1", "web2"};
  return inv;
}

/// Evaluates `main.kilt` (plus any `others`) against the test inventory.
inline void Evaluate(Result& r, const std::string& main,
                     std::map<std::string, std::string> others = {},
                     std::map<std::string, std::string> overrides = {},
                     const Inventory* inventory = nullptr) {
  static const Inventory kInventory = TestInventory();
  others["main.kilt"] = main;
  MemoryReader reader(std::move(others));
  EvalInput input;
  input.roots = {"main.kilt"};
  input.inventory = inventory ? inventory : &kInventory;
  input.param_overrides = std::move(overrides);
  EvalOutput out;
  r.resources = compiler::Evaluate(input, r.sources, reader, r.diags, out);
  r.params = std::move(out.params);
  r.providers = std::move(out.providers);
  r.reads = reader.reads;
}

/// Evaluates `text` and requires exactly the error `code` among the errors
/// (and no other error code), returning that diagnostic's message and hint.
#define CHECK_ERROR(text, code)                      \
  do {                                               \
    ::kilter::compiler::testing::Result r_;          \
    ::kilter::compiler::testing::Evaluate(r_, text); \
    INFO(r_.Text());                                 \
    CHECK(r_.Find(code) != nullptr);                 \
  } while (0)

/// Evaluates `text` and requires no errors.
#define CHECK_CLEAN(text)                            \
  do {                                               \
    ::kilter::compiler::testing::Result r_;          \
    ::kilter::compiler::testing::Evaluate(r_, text); \
    INFO(r_.Text());                                 \
    CHECK_FALSE(r_.diags.has_errors());              \
  } while (0)

}  // namespace kilter::compiler::testing
