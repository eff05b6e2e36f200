#include "compiler/lint/mysql_index_lints.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include <fmt/format.h>

namespace kilter::compiler {

namespace {

/// One declared index in the form the lints compare: key parts lower-cased,
/// unquoted, "ASC" dropped, so `Status ASC` and `status` are the same part.
struct Declared {
  const EvaluatedResource* source = nullptr;
  std::vector<std::string> parts;
  bool unique = false;
  std::string type;
};

std::string NormalisePart(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '`') continue;
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (out.size() > 4 && out.compare(out.size() - 4, 4, " asc") == 0) out.resize(out.size() - 4);
  return out;
}

Span Where(const EvaluatedResource& r) {
  auto it = r.field_spans.find("columns");
  if (it != r.field_spans.end() && it->second.valid()) return it->second;
  return r.name_span.valid() ? r.name_span : r.span;
}

std::string Label(const EvaluatedResource& r) {
  return fmt::format("mysql.index \"{}\"", r.resource.name);
}

std::string Columns(const Declared& d) { return fmt::format("({})", fmt::join(d.parts, ", ")); }

bool IsLeftPrefix(const std::vector<std::string>& shorter, const std::vector<std::string>& longer) {
  return shorter.size() < longer.size() &&
         std::equal(shorter.begin(), shorter.end(), longer.begin());
}

void LintTable(const std::vector<Declared>& indexes, Diagnostics& diags) {
  for (size_t i = 0; i < indexes.size(); ++i) {
    const Declared& a = indexes[i];
    for (size_t j = 0; j < indexes.size(); ++j) {
      if (i == j) continue;
      const Declared& b = indexes[j];
      if (a.type != b.type) continue;
      if (j < i && a.parts == b.parts) {
        Diagnostic d{Severity::kWarning, kDuplicateIndex,
                     fmt::format("{} duplicates {}: both index {} of {}.{}", Label(*a.source),
                                 Label(*b.source), Columns(a),
                                 a.source->resource.fields.value("database", ""),
                                 a.source->resource.fields.value("table", "")),
                     Where(*a.source),
                     "remove one: every write updates both, and the optimizer uses one",
                     {{Where(*b.source), "the same index is declared here"}}};
        diags.Add(std::move(d));
        break;
      }
      // A unique index enforces something its longer sibling does not.
      if (a.type == "BTREE" && !a.unique && IsLeftPrefix(a.parts, b.parts)) {
        Diagnostic d{Severity::kWarning, kRedundantIndex,
                     fmt::format("{} {} is a left prefix of {} {}: queries it serves can use the "
                                 "longer index",
                                 Label(*a.source), Columns(a), Label(*b.source), Columns(b)),
                     Where(*a.source), "drop the shorter index unless a query needs it smaller",
                     {{Where(*b.source), "the longer index is declared here"}}};
        diags.Add(std::move(d));
        break;
      }
    }
  }
  if (indexes.size() > kMaxIndexesPerTable) {
    const Declared& extra = indexes[kMaxIndexesPerTable];
    Diagnostic d{Severity::kWarning, kTooManyIndexes,
                 fmt::format("{}.{} has {} declared indexes, more than {}: every insert and update "
                             "writes each of them",
                             extra.source->resource.fields.value("database", ""),
                             extra.source->resource.fields.value("table", ""), indexes.size(),
                             kMaxIndexesPerTable),
                 Where(*extra.source), "keep the indexes the slow queries need; drop the rest",
                 {{Where(*indexes.front().source), "the first index of this table"}}};
    diags.Add(std::move(d));
  }
}

}  // namespace

void LintMysqlIndexes(const std::vector<EvaluatedResource>& resources, Diagnostics& diags) {
  // host, database, table -> the declared indexes in spec order
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<Declared>> tables;
  for (const EvaluatedResource& r : resources) {
    if (r.resource.type != "mysql.index") continue;
    const nlohmann::json& f = r.resource.fields;
    Declared d;
    d.source = &r;
    d.unique = f.value("unique", false);
    d.type = f.value("type", "BTREE");
    const nlohmann::json columns = f.value("columns", nlohmann::json::array());
    for (const auto& c : columns) {
      if (c.is_string()) d.parts.push_back(NormalisePart(c.get<std::string>()));
    }
    if (d.parts.empty()) continue;
    tables[{r.resource.host, f.value("database", ""), f.value("table", "")}].push_back(d);
  }
  for (const auto& [key, indexes] : tables) LintTable(indexes, diags);
}

}  // namespace kilter::compiler
