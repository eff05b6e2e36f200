#!/usr/bin/env bash
# Measures parse + evaluate + type check of generated specs of 10,000 resources
# (every resource type of the reference stack whose schema exists) on 500
# hosts, in memory. Usage: tests/bench/eval/run.sh [RESOURCES]
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target kilter_eval_bench >/dev/null
"$build/tests/bench/eval/kilter_eval_bench" "${1:-10000}"
