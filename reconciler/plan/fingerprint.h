#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace kilter::reconciler {

/// "sha256:<hex>" of the compact JSON dump of `value`: the fingerprint the
/// engine gives a change whose provider left Change::fingerprint empty
/// (stale-plan detection).
std::string LiveFingerprint(const nlohmann::json& value);

}  // namespace kilter::reconciler
