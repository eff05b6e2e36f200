#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

/// The option files of the server's include directory, as far as telling
/// which one sets a variable: the server reads the files of an
/// `!includedir` in name order, and in each the groups it starts with
/// ([mysqld], [server], [mariadb], [mariadbd], and those of its version,
/// [mariadb-10.11]); a later setting wins.
namespace kilter::reconciler::mysql {

/// The server variables `content` sets in the server's groups: name
/// (lower case, dashes made underscores) -> value as written ("1" for a
/// bare flag).
std::map<std::string, std::string> ServerOptions(const std::string& content);

/// Of `files` (path -> the variables it sets, one include directory), the
/// last in name order that sets `variable`, if it comes after `own`
/// (kilter's file).
std::optional<std::string> SetAfter(const std::map<std::string, std::vector<std::string>>& files,
                                    const std::string& own, const std::string& variable);

}  // namespace kilter::reconciler::mysql
