#!/usr/bin/env bash
# Measures parsing and formatting of a generated 10,000-resource spec (five
# resource types). Usage: tests/bench/parse/run.sh [RESOURCES]
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target kilter_parse_bench >/dev/null
"$build/tests/bench/parse/kilter_parse_bench" "${1:-10000}"
