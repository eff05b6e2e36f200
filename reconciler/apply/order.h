#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"

namespace kilter::reconciler {

/// A change to apply, with the index of the provider (on its host) that applies it.
struct OrderedChange {
  size_t provider;
  const Change* change;
};

/// Changes one provider applies at once, in apply order.
struct Batch {
  size_t provider;
  std::vector<Change> changes;
};

/// Orders one host's changes for apply: `after` edges first (topological,
/// through unchanged resources too, so A after B after C keeps A after C),
/// ties broken by spec order, deletes of undeclared objects last; then cuts
/// the order into batches, keeping a provider's changes together wherever the
/// edges allow. `changes[p]` are provider p's changes; kNothing is skipped.
/// Throws std::invalid_argument naming the resources of a cycle.
std::vector<Batch> OrderBatches(const std::vector<std::vector<Change>>& changes,
                                const catalog::Catalog& catalog, const std::string& host);

}  // namespace kilter::reconciler
