#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kilter::reconciler {

/// SHA-256 of `data` as 64 lowercase hex digits. Used for fingerprints of live
/// objects (stale-plan detection) and of what kilter wrote (drift cause); the
/// same digest `sha256sum` prints, so a host-side check can compare.
std::string Sha256Hex(std::string_view data);

/// "sha256:<hex>" of the compact JSON dump of `value`: the fingerprint the
/// engine gives a change whose provider left Change::fingerprint empty.
std::string LiveFingerprint(const nlohmann::json& value);

}  // namespace kilter::reconciler
