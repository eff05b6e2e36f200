#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kilter::reconciler {

/// Standard base64 (RFC 4648, `+/` alphabet), padded with '='; `line_width`
/// > 0 breaks the text into lines of that many characters, each ending in
/// '\n' (the form `base64 -d` reads back from a here-document).
std::string Base64Encode(std::string_view bytes, size_t line_width = 0);

/// The bytes of standard base64 text, padded or not; nullopt when `text`
/// holds anything else (whitespace included).
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace kilter::reconciler
