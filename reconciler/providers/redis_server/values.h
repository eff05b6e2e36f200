#pragma once

#include <optional>
#include <string>
#include <vector>

/// Redis configuration values as redis.conf, CONFIG GET and kilter write
/// them, and the one form kilter compares (docs/providers/redis.server.md,
/// "Comparing values").
namespace kilter::reconciler::redis_server {

/// The resource type, as the marks of its files name it.
inline constexpr const char* kType = "redis.server";

/// The words of one redis.conf line, split as redis-server splits them
/// (sdssplitargs: blanks between words, "double quotes" with \n \t \xHH \"
/// escapes, 'single quotes' with \'); nullopt for unbalanced quotes.
std::optional<std::vector<std::string>> SplitConfigLine(const std::string& line);

/// `word` as one word of a redis.conf line or redis-cli input: unchanged
/// when it holds no blank, quote, backslash or control character and is not
/// empty; else in double quotes with those escaped.
std::string QuoteConfigWord(const std::string& word);

/// A memory value in bytes as redis-server reads it (memtoull): digits and
/// an optional unit, case-insensitive: b, k = 1000, kb = 1024, m = 10^6,
/// mb = 2^20, g = 10^9, gb = 2^30. nullopt when it is not one.
std::optional<unsigned long long> MemoryBytes(const std::string& text);

/// The canonical form of save rules ("3600 1 300 100", or "" for none):
/// pairs of numbers in decreasing order of seconds, one blank between words.
/// nullopt when the words are not pairs of numbers.
std::optional<std::string> CanonicalSave(const std::string& rules);

/// The canonical form of a value of a parameter kilter has no type for: a
/// memory value in bytes, yes/no for booleans, blanks collapsed; the rest as
/// is.
std::string CanonicalAny(const std::string& value);

/// Whitespace runs made one blank, none at either end.
std::string CollapseBlanks(const std::string& value);

/// `text` in lower case (ASCII).
std::string Lower(std::string text);

}  // namespace kilter::reconciler::redis_server
