#pragma once

#include <string>

namespace kilter::testing {

/// The bytes of a local file, "" when it cannot be read: tests compare the
/// result with what they expect, so a missing file fails there.
std::string ReadText(const std::string& path);

}  // namespace kilter::testing
