#include "compiler/inventory/toml_value.h"

#include <sstream>

#include "compiler/base/location.h"

namespace kilter::compiler::toml_value {

using nlohmann::json;

namespace {

template <typename T>
std::string Printed(const T& value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

json ToJson(const toml::node& node) {
  if (const auto* t = node.as_table()) {
    json object = json::object();
    for (auto&& [key, value] : *t) object[std::string(key.str())] = ToJson(value);
    return object;
  }
  if (const auto* a = node.as_array()) {
    json array = json::array();
    for (const toml::node& item : *a) array.push_back(ToJson(item));
    return array;
  }
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return i->get();
  if (const auto* f = node.as_floating_point()) return f->get();
  if (const auto* b = node.as_boolean()) return b->get();
  if (const auto* d = node.as_date()) return Printed(d->get());
  if (const auto* t = node.as_time()) return Printed(t->get());
  if (const auto* dt = node.as_date_time()) return Printed(dt->get());
  return nullptr;
}

std::string TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

Span RegionSpan(const SourceFile& file, const toml::source_region& region) {
  uint32_t begin = OffsetOf(file, region.begin.line, region.begin.column);
  uint32_t end = OffsetOf(file, region.end.line, region.end.column);
  if (end <= begin) return PointSpan(file, region.begin);
  return {&file, begin, end};
}

Span PointSpan(const SourceFile& file, const toml::source_position& position) {
  uint32_t begin = OffsetOf(file, position.line, position.column);
  uint32_t end = begin < file.text().size() ? begin + 1 : begin;
  return {&file, begin, end};
}

}  // namespace kilter::compiler::toml_value
