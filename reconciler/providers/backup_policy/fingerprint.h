#pragma once

#include <string>
#include <string_view>

namespace kilter::reconciler::backup {

/// A short, stable fingerprint of content (FNV-1a, 64 bits, hex): enough to
/// tell whether a file is still what kilter wrote, not a security measure.
std::string Fingerprint(std::string_view content);

}  // namespace kilter::reconciler::backup
