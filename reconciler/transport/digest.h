#pragma once

#include <string>
#include <string_view>

namespace kilter::reconciler {

/// SHA-256 of `bytes` (32 raw bytes).
std::string Sha256(std::string_view bytes);

/// SHA-1 of `bytes` (20 raw bytes): MySQL's mysql_native_password hash is
/// SHA1(SHA1(password)).
std::string Sha1(std::string_view bytes);

/// HMAC-SHA1 of `message` under `key` (20 raw bytes): how OpenSSH hashes
/// host names in known_hosts.
std::string HmacSha1(std::string_view key, std::string_view message);

/// HMAC-SHA256 of `message` under `key` (32 raw bytes): the keyed
/// fingerprints of secrets in a saved plan.
std::string HmacSha256(std::string_view key, std::string_view message);

/// Random bytes from the kernel, for boundaries and temp-file names that
/// nothing on the far side can predict.
std::string RandomBytes(size_t count);

/// `bytes` as lowercase hex.
std::string Hex(std::string_view bytes);

}  // namespace kilter::reconciler
