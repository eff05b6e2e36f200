#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

/// Live objects written as spec text (`kilter import`): values in the
/// literals of the language (docs/language.md), resources as
/// `TYPE "NAME" on HOST { field = value }` blocks with comments. The text is
/// valid .kilt; the CLI runs it through the formatter before writing it.
namespace kilter::reconciler::kit {

struct SpecEntry;

/// One value as a spec writes it.
class SpecValue {
 public:
  static SpecValue String(const std::string& text);
  static SpecValue Int(int64_t n);
  static SpecValue Bool(bool b);
  /// A decimal with digits on both sides of the point (`0.005`, `1.0`),
  /// at most nine after it.
  static SpecValue Float(double d);
  /// Bytes, in the largest binary unit that divides them (`256MiB`, `1000B`).
  static SpecValue Size(uint64_t bytes);
  /// Milliseconds, in the largest unit that divides them (`2s`, `90m`).
  static SpecValue Duration(int64_t ms);
  static SpecValue List(const std::vector<SpecValue>& items);
  /// An inclusive range `from..to`.
  static SpecValue Range(int64_t from, int64_t to);
  /// An object whose keys are written as plain strings, in the order given.
  static SpecValue Object(const std::vector<SpecEntry>& entries);
  /// A secret read on the controller: `env("NAME")` (docs/secrets.md).
  static SpecValue Env(const std::string& variable);

  /// The literal, on one line except for an object of several entries or
  /// with comments, which gets one entry per line.
  const std::string& text() const { return text_; }

 private:
  explicit SpecValue(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

/// One entry of an object value, `comment` (lines, without '#') above it.
struct SpecEntry {
  std::string key;
  SpecValue value;
  std::string comment;
};

/// One field of an imported resource; `comment` (lines, without '#') goes
/// above it: why the value is what it is (a default the host does not state,
/// a value the language cannot say as the host does).
struct SpecField {
  std::string name;
  SpecValue value;
  std::string comment;
};

/// One resource as `kilter import` writes it.
struct SpecResource {
  std::string type;
  std::string name;
  std::string host;
  std::vector<SpecField> fields;
  std::string comment;  ///< lines above the block: where the object was found
};

/// What an import found: the resources, and notes on what it left out and
/// why (comment lines, without '#', for the top of the file).
struct SpecFile {
  std::vector<SpecResource> resources;
  std::string notes;
};

/// A string literal: quoted, with the language's escapes (`\"`, `\\`, `\n`,
/// `\t`, `\r`, and `\$` before `{`, so live text is never interpolated).
std::string QuoteString(const std::string& text);

/// The file as .kilt text: `header` and the notes (comment lines) first.
std::string RenderSpec(const std::string& header, const SpecFile& file);

}  // namespace kilter::reconciler::kit
