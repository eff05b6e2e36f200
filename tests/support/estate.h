#pragma once

#include <map>
#include <string>

namespace kilter::testing {

/// The KEY=VALUE pairs a test-estate service wrote to $ESTATE_DIR/SERVICE.env
/// when ctest's fixture started it. Throws std::runtime_error (failing the test
/// loudly) when the service is not up: an integration test never skips.
std::map<std::string, std::string> EstateEnv(const std::string& service);

}  // namespace kilter::testing
