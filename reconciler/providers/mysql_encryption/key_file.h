#pragma once

#include <optional>
#include <string>

/// The content of a file_key_management key file: lines `ID;HEX`, ID a
/// positive 32-bit integer, HEX a 128-, 192- or 256-bit key; empty lines and
/// lines starting with '#' are skipped, as the plugin does.
namespace kilter::reconciler::mysql_encryption {

/// Why `content` is not a key file the plugin loads with key 1 in it (key 1
/// encrypts the tables), naming the line but never quoting it; nullopt when
/// it is one. The content is a secret: only checkable at plan, not at check.
std::optional<std::string> KeyFileError(const std::string& content);

}  // namespace kilter::reconciler::mysql_encryption
