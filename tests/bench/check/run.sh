#!/usr/bin/env bash
# Benchmark of `kilter check` on a generated estate of 10,000 resources
# (generate.sh), against the targets: mean wall time under 0.3 s, peak RSS
# under 150 MB. Prints hyperfine's timing and /usr/bin/time's peak memory;
# exits 1 if a target is missed or the estate does not check.
#
#   tests/bench/check/run.sh [N]        KILTER=path/to/kilter (default build/kilter)
#
# The resource types are those whose schema exists in stdlib/schemas/ among
# the five of the reference stack; the run names them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)
KILTER=${KILTER:-$src/build/kilter}
n=${1:-10000}
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/setup installs it)"; exit 1; }
done

types=()
for t in php.opcache mysql.index firewall.rule bluegreen.service backup.policy; do
  grep -qs "^schema $t " "$src"/stdlib/schemas/*.kilt && types+=("$t")
done
[ ${#types[@]} -gt 0 ] || { echo "bench: no resource schema found in stdlib/schemas"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$here/generate.sh" "$n" "$work/estate" "${types[@]}"
echo "bench: $n resources of ${#types[@]} types (${types[*]}) in $(ls "$work/estate" | wc -l) files, $(du -sh "$work/estate" | cut -f1)"

if ! "$KILTER" check --color never "$work/estate" >"$work/check.out"; then
  echo "bench: the generated estate does not check:"; head -40 "$work/check.out"; exit 1
fi

/usr/bin/time -v "$KILTER" check "$work/estate" >/dev/null 2>"$work/time.txt"
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
hyperfine --warmup 2 --runs 10 --export-csv "$work/hyperfine.csv" \
  "$KILTER check $work/estate"
mean_s=$(awk -F, 'NR == 2 {print $2}' "$work/hyperfine.csv")

peak_mb=$(awk -v kb="$peak_kb" 'BEGIN {printf "%.1f", kb / 1024}')
echo "bench: kilter check, $n resources: mean $(awk -v s="$mean_s" 'BEGIN {printf "%.3f", s}') s (target < 0.3 s), peak RSS $peak_mb MB (target < 150 MB)"
awk -v s="$mean_s" -v mb="$peak_mb" 'BEGIN {exit !(s < 0.3 && mb < 150)}' ||
  { echo "bench: target missed"; exit 1; }
