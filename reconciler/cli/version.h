#pragma once

/// What this build of kilter is: written at build time by version.cmake.
namespace kilter::cli {

/// The release version, e.g. "0.1.0" (CMakeLists.txt's project version).
const char* Version();

/// The git commit the binary was built from (12 hex digits), with "-dirty"
/// when tracked files had uncommitted changes; "unknown" outside a git tree.
const char* BuildCommit();

}  // namespace kilter::cli
