#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/sema/memory_use.h"
#include "compiler/sema/schema_registry.h"
#include "compiler/sema/value.h"

namespace kilter::compiler {

/// `after = ["TYPE/NAME"]`: one dependency as written.
struct AfterRef {
  std::string type;
  std::string name;
  Span span;
};

/// One resource statement evaluated once: a type, a name, the hosts it goes
/// to and its checked field values (shared by all those hosts).
struct Instance {
  const Schema* schema = nullptr;
  std::string name;           ///< with the module prefix: "shop.main"
  std::string prefix;         ///< "shop." inside `use web_node "shop"`; where `after` looks first
  Value hosts;                ///< a group: host names, with the spans that named them
  std::vector<Value> values;  ///< one per schema field, in schema order
  std::map<std::string, Span> field_spans;
  std::vector<AfterRef> after;
  std::vector<Acceptance> accept;  ///< `accept = { CODE = "reason" }`
  std::vector<MemoryUse> memory;   ///< one per `memory` line of the schema
  Span span;         ///< the whole resource block
  Span name_span;    ///< its "NAME"
  Span header_span;  ///< `TYPE "NAME"`
};

}  // namespace kilter::compiler
