#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reconciler/providers/kit/spec_text.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler {

/// A filter of `kilter import`: `--NAME VALUE`, repeatable (any value
/// matches). The help line goes into `kilter import --help` and the type's
/// docs page.
struct ImportFilter {
  std::string name;
  std::string help;
};

/// What `kilter import` asks for: live objects of `type` (a type of the
/// provider, or its name for all of them) that match every filter given.
struct ImportRequest {
  std::string type;
  std::map<std::string, std::vector<std::string>> filters;  ///< filter name -> values
  /// A resource of the type with every field at its schema default (and
  /// field_types), when the schema gives every field one: an importer leaves
  /// out the live values it already says. nullopt otherwise.
  std::optional<catalog::Resource> defaults;

  /// The values of filter `name` (empty: the filter was not given).
  const std::vector<std::string>& Values(const std::string& name) const;
  /// True when filter `name` was not given or lists `value`.
  bool Admits(const std::string& name, const std::string& value) const;
};

/// The opt-in capability of a provider whose types have live state to import
/// (docs/providers/authoring.md, "Import"). Import reads the host through the
/// transport and changes nothing on it; the resources it returns are written
/// as spec text, and a plan of them on the same host has nothing to do.
class Importer {
 public:
  virtual ~Importer() = default;

  /// The filters Import understands.
  virtual std::vector<ImportFilter> ImportFilters() const = 0;

  /// The live objects matching `request`, as resources on `context.host`,
  /// leaving out what `context.desired` already declares, with notes on what
  /// it could not import. Throws ProviderError naming the host and type when
  /// the host cannot be read.
  virtual kit::SpecFile Import(Transport& transport,
                              const ProviderContext& context,
                              const ImportRequest& request) = 0;
};

}  // namespace kilter::reconciler
