#pragma once

#include <string>
#include <string_view>

namespace kilter::reconciler::kit {

/// SHA-256 of `data` as 64 lowercase hex digits: OpenSSL's digest (the one
/// libssh2 brings), the same `sha256sum` prints, so a host-side check can
/// compare. The one digest of owned files, manifests and live fingerprints.
std::string Sha256Hex(std::string_view data);

}  // namespace kilter::reconciler::kit
