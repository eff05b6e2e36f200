#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"

/// How each opcache directive is written to an ini file and read back from
/// PHP. Catalog values come normalised (size in bytes, duration in ms); PHP
/// wants its own units (memory_consumption in megabytes, revalidate_freq in
/// seconds, ...) and reports raw ini strings. Both sides meet in the catalog's
/// units, so desired and effective values compare as plain JSON.
namespace kilter::reconciler::php_opcache {

/// The unit PHP gives a directive's value.
enum class DirectiveKind {
  kBool,       ///< 0/1; PHP also reads on/off/yes/no/true/false
  kInt,        ///< a plain integer
  kFloat,      ///< a decimal number
  kMegabytes,  ///< a size PHP reads as a count of megabytes
  kQuantity,   ///< a size PHP reads as bytes with an optional K/M/G suffix
  kSeconds,    ///< a duration PHP reads as whole seconds
  kString,     ///< text, written quoted so PHP's ini parser keeps it verbatim
  kJit,        ///< opcache.jit: a mode name or a four-digit number
};

/// A php.opcache field and the schema type the catalog names for it
/// (catalog::Resource::field_types: "size", "duration"; empty where the JSON
/// value shows the kind: bool, int, float, string). A directive's kind
/// follows from these and a few facts about PHP below, so the list of fields
/// lives in stdlib/schemas/php.kilt alone.
struct Field {
  Field(const char* name) : name(name) {}  // NOLINT: a bare name is a field typed by its value
  Field(std::string name, std::string type) : name(std::move(name)), type(std::move(type)) {}
  std::string name;
  std::string type;
};

/// The field `name` of `resource`, with the type its catalog entry names.
Field FieldOf(const catalog::Resource& resource, const std::string& name);

/// The ini directive of a php.opcache field: "opcache." + field.
std::string DirectiveName(const std::string& field);

/// The kind of a field's directive: sizes in megabytes for the directives
/// PHP reads so, else in bytes; durations in seconds; opcache.jit its own;
/// the rest from the catalog value (bool, number, string).
DirectiveKind KindOf(const Field& field, const nlohmann::json& desired);

/// The desired catalog value as an ini value (the text after `=`). Throws
/// std::invalid_argument with a message naming the field when PHP cannot
/// express it (256.5MiB for a megabyte directive, 1500ms for a seconds one,
/// a string with a double quote).
std::string RenderIni(const Field& field, const nlohmann::json& desired);

/// A raw ini value as PHP reports it, in catalog units and canonical form,
/// the same form Canonical() gives a desired value. `raw` is null when the
/// directive has no value.
nlohmann::json NormalizeLive(const Field& field, const nlohmann::json& desired,
                             const nlohmann::json& raw);

/// The desired catalog value in the canonical form NormalizeLive() produces
/// (e.g. jit "on" and "tracing" are the same mode).
nlohmann::json Canonical(const Field& field, const nlohmann::json& desired);

/// True for directives PHP has only on Windows (mmap_base,
/// file_cache_fallback): kilter neither writes nor compares them, as PHP
/// elsewhere does not know them.
bool IsWindowsOnly(const std::string& field);

/// True for directives kilter must not compare after forcing them in its
/// validation run (opcache.enable_cli is forced on so opcache starts up).
bool IsForcedInValidation(const std::string& field);

}  // namespace kilter::reconciler::php_opcache
