#!/usr/bin/env bash
# Golden tests: runs kilter on each case below tests/golden/ and compares its
# output with the expected files (tests/golden/README.md describes the layout).
#
#   run.sh [--refresh] [CASE...]     CASE: e.g. error/E0402-unknown-key; default: all
#
# --refresh rewrites the expected files from kilter's output (scripts/refresh-golden);
# a case whose exit status is wrong is still reported, never refreshed.
# KILTER names the binary (default: build/kilter).
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
KILTER=${KILTER:-$root/../../build/kilter}
KILTER=$(cd "$(dirname "$KILTER")" && pwd)/$(basename "$KILTER")
[ -x "$KILTER" ] || { echo "golden: no kilter binary at $KILTER" >&2; exit 1; }
export NO_COLOR=1

refresh=0
if [ "${1:-}" = --refresh ]; then refresh=1; shift; fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
cases=0

fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }

# compare CASE EXPECTED_FILE ACTUAL_FILE: passes, refreshes, or shows the diff.
compare() {
  if [ "$refresh" = 1 ]; then
    cmp -s "$2" "$3" || { cp "$3" "$2"; echo "refreshed $1/$(basename "$2")"; }
  elif [ ! -f "$2" ]; then
    fail "$1" "no $(basename "$2") (run scripts/refresh-golden $1)"
  elif ! diff -u --label "expected $1/$(basename "$2")" --label actual "$2" "$3"; then
    fail "$1" "output differs from $(basename "$2")"
  fi
}

# The arguments of the case's command: the words of its `args` file, or ".".
case_args() {
  if [ -f "$1/args" ]; then cat "$1/args"; else echo .; fi
}

run_valid() {
  local name=$1 dir=$root/$1 status
  (cd "$dir" && "$KILTER" compile $(case_args "$dir") -o -) >"$scratch/out" 2>"$scratch/err"
  status=$?
  if [ "$status" != 0 ]; then
    fail "$name" "kilter compile exited $status, expected 0:"; cat "$scratch/err"; return
  fi
  if [ -s "$scratch/err" ]; then
    fail "$name" "a valid case must compile without diagnostics, got:"; cat "$scratch/err"
  fi
  compare "$name" "$dir/catalog.json" "$scratch/out"
}

# run_check NAME EXPECTED_STATUS LABEL: `kilter check` output against expected.txt,
# which must show the diagnostic the directory is named after.
run_check() {
  local name=$1 want=$2 label=$3 dir=$root/$1 status code
  (cd "$dir" && "$KILTER" check $(case_args "$dir")) >"$scratch/out" 2>&1
  status=$?
  if [ "$status" != "$want" ]; then
    fail "$name" "kilter check exited $status, expected $want:"; cat "$scratch/out"; return
  fi
  code=$(basename "$name" | cut -d- -f1)
  if ! grep -q "$label\[$code\]" "$scratch/out"; then
    fail "$name" "the output has no $label[$code]:"; cat "$scratch/out"; return
  fi
  compare "$name" "$dir/expected.txt" "$scratch/out"
}

run_fmt() {
  local name=$1 dir=$root/$1 status
  mkdir -p "$scratch/fmt" && rm -f "$scratch/fmt/"*
  cp "$dir/input.kilt" "$scratch/fmt/case.kilt"
  (cd "$scratch/fmt" && "$KILTER" fmt case.kilt) >"$scratch/out" 2>&1
  status=$?
  if [ "$status" != 0 ]; then
    fail "$name" "kilter fmt exited $status:"; cat "$scratch/out"; return
  fi
  compare "$name" "$dir/expected.kilt" "$scratch/fmt/case.kilt"
  [ "$refresh" = 1 ] && return
  # Formatting is a fixed point: formatted text is already canonical.
  (cd "$scratch/fmt" && "$KILTER" fmt --check case.kilt) >"$scratch/out" 2>&1 ||
    { fail "$name" "fmt --check of the formatted text failed:"; cat "$scratch/out"; }
}

# run_report NAME: `kilter report merge` of shard reports (shards/) against
# expected.txt (stdout and stderr); error-* cases must exit 1, the others 2
# (the reports hold changes).
run_report() {
  local name=$1 dir=$root/$1 want=2 status
  case "$(basename "$name")" in error-*) want=1 ;; esac
  (cd "$dir" && "$KILTER" report merge $(case_args "$dir")) >"$scratch/out" 2>&1
  status=$?
  if [ "$status" != "$want" ]; then
    fail "$name" "kilter report merge exited $status, expected $want:"; cat "$scratch/out"; return
  fi
  compare "$name" "$dir/expected.txt" "$scratch/out"
}

# run_html NAME: `kilter report html` of the case's specs and run.log; the page
# must be written (exit 0) and equal expected.html.
run_html() {
  local name=$1 dir=$root/$1 status
  rm -rf "$scratch/html"
  (cd "$dir" && "$KILTER" report html "$scratch/html" --log run.log .) >"$scratch/out" 2>&1
  status=$?
  if [ "$status" != 0 ]; then
    fail "$name" "kilter report html exited $status, expected 0:"; cat "$scratch/out"; return
  fi
  compare "$name" "$dir/expected.html" "$scratch/html/index.html"
}

run_case() {
  local name=${1%/}
  [ -d "$root/$name" ] || { fail "$name" "no such case"; return; }
  cases=$((cases + 1))
  case "$name" in
    valid/*) run_valid "$name" ;;
    error/*) run_check "$name" 1 error ;;
    warn/*) run_check "$name" 0 warning ;;
    fmt/*) run_fmt "$name" ;;
    report/*) run_report "$name" ;;
    html/*) run_html "$name" ;;
    *) fail "$name" "cases live in valid/, error/, warn/, fmt/, report/ or html/" ;;
  esac
}

if [ $# -gt 0 ]; then
  for c in "$@"; do run_case "$c"; done
else
  for kind in valid error warn fmt report html; do
    for d in "$root/$kind"/*/; do
      [ -d "$d" ] && run_case "$kind/$(basename "$d")"
    done
  done
fi

echo "golden: $cases cases, $failures failed"
[ "$failures" = 0 ]
