#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reconciler/providers/kit/mysql_client.h"

/// The definition of one secondary index, as declared or as read from a
/// server, and the canonical form both are compared in.
namespace kilter::reconciler::mysql {

/// One key part: `name`, `name(32)`, `name DESC`.
struct KeyPart {
  std::string column;
  int prefix = 0;  ///< 0: the whole column
  bool desc = false;
};

/// What a server stores about an index. Comparisons use Canonical() forms.
struct IndexDef {
  std::string name;
  std::vector<KeyPart> parts;
  bool unique = false;
  std::string type = "BTREE";  ///< BTREE, FULLTEXT, SPATIAL (HASH only as read)
  std::string comment;         ///< the user's comment, without kilter's mark
  bool ignored = false;        ///< MariaDB IGNORED / MySQL INVISIBLE
};

/// Parses one column as MySQL writes it in an index: "status",
/// "name(32)", "date_added DESC", "`odd name`(8) ASC". nullopt with `error`
/// set when it is not one.
std::optional<KeyPart> ParseKeyPart(const std::string& text, std::string& error);

/// "name(32) DESC": the form the schema's `columns` use.
std::string FormatKeyPart(const KeyPart& part);

/// `name`(32) DESC: the form an ALTER TABLE uses.
std::string SqlKeyPart(const KeyPart& part);

/// "(status, date_available)" for plans and messages.
std::string FormatParts(const std::vector<KeyPart>& parts);

/// True when both describe the same index structure (columns, prefixes,
/// order, uniqueness, type); names, comments and IGNORED are not compared.
/// Both must be canonical.
bool SameStructure(const IndexDef& a, const IndexDef& b);

/// Case-insensitive comparison, as MySQL compares column and index names.
bool SameName(const std::string& a, const std::string& b);

/// The index comment kilter writes: the user's comment, then the mark naming
/// the resource ("for the admin list | kilter:shop.product_status").
std::string MarkedComment(const std::string& user_comment, const std::string& resource);

/// Splits a live comment into the user's part and the resource named by the
/// mark (empty when unmarked).
struct ParsedComment {
  std::string user;
  std::string owner;
};
ParsedComment ParseComment(const std::string& comment);

/// The JSON form used in live state and plans.
nlohmann::json ToJson(const IndexDef& def);
IndexDef IndexDefFromJson(const nlohmann::json& json);

}  // namespace kilter::reconciler::mysql
