#pragma once

#include <string>

#include <nlohmann/json.hpp>

/// Kernel parameter names and values as sysctl(8) and sysctl.d(5) write them.
namespace kilter::reconciler::sysctl {

/// The resource type, as the marks of its files name it.
inline constexpr const char* kType = "sysctl";

/// `key` in the one form kilter compares: dots between parts, and '/' inside
/// a part that holds a dot. A key written with '/' first ("net/ipv4/conf/
/// eth0.100/rp_filter") has its dots and slashes swapped, as sysctl does:
/// "net.ipv4.conf.eth0/100.rp_filter".
std::string NormalKey(const std::string& key);

/// The path of a normal key below /proc/sys: "net/ipv4/conf/eth0.100/rp_filter".
std::string ProcPath(const std::string& normal_key);

/// A value in the form compared: whitespace runs (tabs, spaces) made one
/// space, none at either end. "4096\t131072  6291456" -> "4096 131072 6291456".
std::string CanonicalValue(const std::string& value);

/// A declared value as written to /proc/sys and sysctl.d: an int in decimal,
/// a string as is. Throws std::invalid_argument for any other JSON, and for a
/// string holding a line break.
std::string DeclaredValue(const nlohmann::json& value);

}  // namespace kilter::reconciler::sysctl
