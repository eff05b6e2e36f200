#!/usr/bin/env bash
# Firewall benchmark: 1,000 rules in kilter's table, inside a network
# namespace this script creates and removes (never the machine's own ruleset).
#
#   no-op plan   firewall_bench plan  vs  nft -j list table (the read alone)
#   apply        firewall_bench apply vs  nft -f of the same ruleset
#
# firewall_bench apply is the provider's part of `kilter apply --auto-approve`
# in one process: read, diff, the plan's nft -c check, and the
# commit-confirmed apply with its fresh-connection disarm. It leaves out what
# the engine adds around every provider: the host lock and state read, the
# re-read under the lock that refuses a stale plan, and the verify read
# after the apply (each one more listing of the table).
#
# The apply is measured with one rule changed before each run (hyperfine
# --prepare), so every run really loads the table, commit-confirmed.
# Usage: tests/bench/firewall/run.sh [BUILD_DIR] [RULES]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=${1:-$root/build}
rules=${2:-1000}
bench=$build/tests/bench/firewall/firewall_bench
[ -x "$bench" ] || { echo "build firewall_bench first: cmake --build $build --target firewall_bench" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is missing (scripts/setup)" >&2; exit 1; }

work=$(mktemp -d)
ns=kilter-fw-bench-$$
ip netns add "$ns"
trap 'ip netns del "$ns"; rm -rf "$work"' EXIT
nft="ip netns exec $ns nft"

python3 "$root/tests/bench/firewall/gen.py" "$rules" "$work/catalog.json" "$work/rules.nft"
# A second catalog whose first rule differs: applying the two in turn makes
# every measured apply a real change.
python3 - "$work" <<'PY'
import json, sys
d = sys.argv[1]
c = json.load(open(f"{d}/catalog.json"))
c["resources"][1]["fields"]["dport"] = 9999
json.dump(c, open(f"{d}/catalog2.json", "w"))
PY

"$bench" apply "$work/catalog.json" "$nft" "$work/state"
"$bench" plan "$work/catalog.json" "$nft" "$work/state"  # exit 0: nothing to do

hyperfine --warmup 2 --runs 20 --export-json "$work/plan.json" \
  -n "kilter no-op plan ($rules rules)" "$bench plan $work/catalog.json '$nft' $work/state" \
  -n "nft -j list table" "$nft -j list table inet kilter"

hyperfine --warmup 1 --runs 10 --export-json "$work/apply.json" \
  --prepare "$bench apply $work/catalog2.json '$nft' $work/state" \
  -n "kilter apply ($rules rules)" "$bench apply $work/catalog.json '$nft' $work/state" \
  -n "nft -f" "$nft -f $work/rules.nft"

python3 - "$work" <<'PY'
import json, sys
d = sys.argv[1]
for name in ("plan", "apply"):
    r = json.load(open(f"{d}/{name}.json"))["results"]
    kilter, plain = r[0]["mean"], r[1]["mean"]
    print(f"{name}: kilter {kilter*1000:.1f} ms, plain {plain*1000:.1f} ms, ratio {kilter/plain:.2f}x")
PY
