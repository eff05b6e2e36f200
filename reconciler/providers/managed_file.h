#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

/// Files kilter owns on a host carry a header of '#' comment lines: a mark
/// naming the resource, optional `# kilter-KEY: value` records, and a
/// fingerprint of the whole file as kilter wrote it. The mark is how kilter
/// finds what it owns without a state file; the fingerprint tells a file
/// changed on the host from a spec that moved.
namespace kilter::reconciler {

/// A short, stable fingerprint of content (FNV-1a, 64 bits, hex): enough to
/// tell whether a file is still what kilter wrote, not a security measure.
std::string Fingerprint(std::string_view content);

/// "# Managed by kilter: ADDRESS. Changes made here are drift."
std::string MarkLine(const std::string& address);

/// The file: `header` (ending in a newline), a fingerprint line, then `body`.
std::string Seal(const std::string& header, const std::string& body);

/// True when the file is exactly as kilter sealed it.
bool WrittenByKilter(const std::string& content);

/// The resource address named by the file's mark (in its first lines), or "".
std::string MarkedAddress(const std::string& content);

/// The value of a `# kilter-KEY: value` header line, or "".
std::string HeaderValue(const std::string& content, const std::string& key);

/// The name in `TYPE "NAME" @ HOST` when the address has that type and host, or "".
std::string NameInAddress(const std::string& address, const std::string& type,
                          const std::string& host);

}  // namespace kilter::reconciler
