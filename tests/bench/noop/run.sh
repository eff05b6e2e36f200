#!/usr/bin/env bash
# No-op plan benchmark on one local host: `kilter plan` of 20 php.opcache
# directives, RULES nftables rules (in a network namespace this script
# creates and removes) and 20 MariaDB indexes, all applied already, against
# a plain shell script doing the same reads: cat of the ini files, one
# `nft -j list table`, one mysql query of information_schema.STATISTICS.
# Both are timed by hyperfine in the same run; prints the size of the first
# plan (before the apply), the ratio, then what `kilter plan --timings` says
# about the same plan.
#
#   tests/bench/noop/run.sh [RULES]     (default 200; BUILD_DIR defaults to build,
#                                         KILTER to $BUILD_DIR/kilter)
#
# BASELINE=/path/to/an/older/kilter times that binary in the same run too
# (before/after a change) and prints its ratio.
#
# Starts the estate's php and mariadb in $ESTATE_DIR (default: a private dir
# under the build tree) unless they are up already, and stops what it started.
# The kilter time includes compiling the specs, which the script does not do.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=$(realpath -m "${BUILD_DIR:-$root/build}")
rules=${1:-200}
export ESTATE_DIR=$(realpath -m "${ESTATE_DIR:-$build/bench-estate}")
export ESTATE_PORT_BASE=${ESTATE_PORT_BASE:-20000}
kilter=${KILTER:-$build/kilter}
[ -x "$kilter" ] || { echo "bench: build kilter first (scripts/build)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (scripts/setup)" >&2; exit 1; }

started=()
for service in php mariadb; do
  if ! "$root/scripts/estate" status "$service" >/dev/null 2>&1; then
    "$root/scripts/estate" up "$service" >/dev/null
    started+=("$service")
  fi
done
load_env() {
  local key value
  while IFS='=' read -r key value; do
    [ -n "$key" ] && export "$key=$value"
  done < "$ESTATE_DIR/$1.env"
}
load_env php
load_env mariadb

work=$(mktemp -d)
ns=kilter-noop-$$
export DATABASE=$MARIADB_DATABASE TABLE=kilter_bench_noop
root_sql() { mariadb --defaults-file="$MARIADB_ROOT_DEFAULTS_FILE" -N -B "$DATABASE" -e "$1"; }
cleanup() {
  ip netns del "$ns" 2>/dev/null || true
  root_sql "DROP TABLE IF EXISTS $TABLE" || true
  rm -rf "$work"
  if ((${#started[@]} > 0)); then "$root/scripts/estate" down "${started[@]}" >/dev/null; fi
}
trap cleanup EXIT

ip netns add "$ns"
export NFT="ip netns exec $ns nft"
"$PHP_NEW_HOST" "$work/php"
export PHP_DIR=$work/php STATE_DIR=$work/state
columns=$(for i in $(seq 20); do printf ', c%d INT NOT NULL DEFAULT 0' "$i"; done)
root_sql "DROP TABLE IF EXISTS $TABLE; CREATE TABLE $TABLE (id INT PRIMARY KEY$columns) ENGINE=InnoDB"
bash "$root/tests/bench/noop/generate.sh" "$work/specs" "$rules"

# The first plan, before anything is applied: how much a reviewer reads.
first_plan() {  # first_plan NAME KILTER
  local out
  out=$("$2" plan "$work/specs" 2>/dev/null || true)
  printf '%s: first plan %d lines, %d bytes\n' "$1" "$(wc -l <<<"$out")" "$(wc -c <<<"$out")"
}
first_plan kilter "$kilter"
if [ -n "${BASELINE:-}" ]; then first_plan baseline "$BASELINE"; fi

"$kilter" apply "$work/specs" --auto-approve >/dev/null
"$kilter" plan "$work/specs" >/dev/null || { echo "bench: the plan is not empty" >&2; exit 1; }

cat > "$work/plain.sh" <<SH
cat $PHP_DIR/conf.d/*.ini
$NFT -j list table inet kilter
$MARIADB_CLIENT --defaults-file=$MARIADB_DEFAULTS_FILE -N -B -e "SELECT INDEX_NAME, SEQ_IN_INDEX, \
COLUMN_NAME, SUB_PART, NON_UNIQUE, INDEX_TYPE, INDEX_COMMENT FROM information_schema.STATISTICS \
WHERE TABLE_SCHEMA = '$DATABASE' AND TABLE_NAME = '$TABLE'"
SH

baseline=()
if [ -n "${BASELINE:-}" ]; then
  baseline=(-n "baseline: $BASELINE plan" "$BASELINE plan $work/specs")
fi
hyperfine -N --warmup 3 --min-runs 30 --export-json "$work/results.json" \
  -n "kilter plan (no-op: 20 opcache directives, $rules rules, 20 indexes)" \
  "$kilter plan $work/specs" \
  -n "plain script: cat, nft -j list table, one mysql query" "/bin/sh $work/plain.sh" \
  "${baseline[@]}"
python3 - "$work/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
kilter, plain = r[0]["mean"], r[1]["mean"]
print(f"kilter {kilter*1000:.1f} ms, plain {plain*1000:.1f} ms, ratio {kilter/plain:.2f}x")
if len(r) > 2:
    print(f"baseline {r[2]['mean']*1000:.1f} ms, ratio {r[2]['mean']/plain:.2f}x")
PY
echo
"$kilter" plan --timings "$work/specs" 2>&1 >/dev/null | sed -n '/timings (ms)/,$p'
