#!/usr/bin/env bash
# Many hosts from one controller: a no-op `kilter plan` of 10 and of 50 hosts
# against a plan of one host, each host a real sshd on loopback (its own port
# from HOSTS_PORT_BASE, default 26000, and its own host key) holding the same
# small estate, applied first: one php.opcache resource and 20 `file`
# resources, in a directory of its own. hyperfine times the three plans and
# `php` reading PHP's opcache report alone in one run; prints the wall times,
# the ratios (10 hosts / 1, 50 / 1) with the goals of issue 15, kilter's own
# CPU per host (hyperfine's user+system of the kilter process, divided by
# the hosts), what a host's read costs on the host (remote_cost.sh: CPU and
# the processes sshd started, by program), and where the time goes
# (`kilter plan --timings`, averaged over the hosts).
#
#   tests/bench/hosts/run.sh        (BUILD_DIR defaults to build, KILTER to
#                                    $BUILD_DIR/kilter, RUNS to 10 timed runs,
#                                    PARALLEL to kilter's --parallel default)
#
# Starts 50 sshd and stops them, with everything else under one temp dir.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=$(realpath -m "${BUILD_DIR:-$root/build}")
kilter=${KILTER:-$build/kilter}
runs=${RUNS:-10}
base=${HOSTS_PORT_BASE:-26000}
parallel=()
[ -z "${PARALLEL:-}" ] || parallel=(--parallel "$PARALLEL")
[ -x "$kilter" ] || { echo "bench: build kilter first (scripts/build)" >&2; exit 1; }
for tool in hyperfine strace; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d)
hosts=$work/hosts
cleanup() {
  "$here/sshds.sh" down "$hosts"
  rm -rf "$work"
}
trap cleanup EXIT

echo "load at start: $(uptime)"
"$here/sshds.sh" up "$hosts" 50 "$base"
ESTATE_DIR=$work/estate bash "$root/scripts/estate.d/php.sh" up >/dev/null
for ((i = 0; i < 50; i++)); do
  "$work/estate/php/new-host" "$hosts/h$i/php"
  mkdir -p "$hosts/h$i/files"
done
for n in 1 10 50; do "$here/generate.sh" "$work/specs$n" "$hosts" "$n" "$base"; done

"$kilter" apply "$work/specs50" --auto-approve "${parallel[@]}" >/dev/null 2>&1
for n in 1 10 50; do
  "$kilter" plan "$work/specs$n" "${parallel[@]}" >/dev/null 2>&1 ||
    { "$kilter" plan "$work/specs$n" >&2; echo "bench: the plan of $n hosts is not empty" >&2; exit 1; }
done

baseline=()
if [ -n "${BASELINE:-}" ]; then
  for n in 1 10 50; do
    baseline+=(-n "baseline plan, $n host(s)" "$BASELINE plan $work/specs$n ${parallel[*]}")
  done
fi
printf '%s -r '"'"'echo json_encode(ini_get_all("zend opcache"));'"'"'\n' "$hosts/h0/php/bin/php" \
  > "$work/php-report.sh"
hyperfine -N --warmup 1 --min-runs "$runs" --export-json "$work/results.json" \
  -n "kilter plan, 1 host" "$kilter plan $work/specs1 ${parallel[*]}" \
  -n "kilter plan, 10 hosts" "$kilter plan $work/specs10 ${parallel[*]}" \
  -n "kilter plan, 50 hosts" "$kilter plan $work/specs50 ${parallel[*]}" \
  -n "php: the opcache report alone (one host)" "/bin/sh $work/php-report.sh" \
  "${baseline[@]}"
echo "load after timing: $(uptime)"
python3 - "$work/results.json" "$work/fifty.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
one, ten, fifty, php = r[:4]
print(f"wall: 1 host {one['mean']*1000:.0f} ms, 10 hosts {ten['mean']*1000:.0f} ms, "
      f"50 hosts {fifty['mean']*1000:.0f} ms")
for name, res, goal in (("10 hosts / 1", ten, 3), ("50 hosts / 1", fifty, 8)):
    ratio = res["mean"] / one["mean"]
    print(f"ratio {name}: {ratio:.2f}x (goal <= {goal}x: {'met' if ratio <= goal else 'NOT met'})")
for n, res in ((1, one), (10, ten), (50, fifty)):
    cpu = (res["user"] + res["system"]) * 1000
    print(f"kilter CPU (user+sys), {n} host(s): {cpu:.0f} ms, {cpu / n:.1f} ms per host")
with open(sys.argv[2], "w") as out:
    out.write(f"{(fifty['user'] + fifty['system']) * 1000 / 50} {fifty['mean']}\n")
if len(r) > 4:
    b1, b10, b50 = r[4:]
    print(f"baseline wall: 1 host {b1['mean']*1000:.0f} ms, 10 hosts {b10['mean']*1000:.0f} ms, "
          f"50 hosts {b50['mean']*1000:.0f} ms; ratios 10/1 {b10['mean']/b1['mean']:.2f}x, "
          f"50/1 {b50['mean']/b1['mean']:.2f}x; 50 hosts: this kilter "
          f"{b50['mean']/fifty['mean']:.2f}x faster")
print(f"php's opcache report alone: {php['mean']*1000:.0f} ms wall, "
      f"{(php['user'] + php['system'])*1000:.0f} ms CPU")
PY

echo
"$here/remote_cost.sh" "$hosts" 10 3 "$kilter" plan "$work/specs10" "${parallel[@]}" |
  tee "$work/remote.txt"
# Here the hosts' processes and kilter share this machine's cores, so N hosts
# cannot take less than N times their CPU spread over the cores.
remote_ms=$(sed -n 's/^remote CPU per host.*: \([0-9.]*\) ms$/\1/p' "$work/remote.txt")
read -r kilter_ms fifty_s < "$work/fifty.txt"
awk -v r="$remote_ms" -v k="$kilter_ms" -v w="$fifty_s" -v c="$(nproc)" 'BEGIN {
  f = 50 * (r + k) / c / 1000
  printf "CPU floor of 50 hosts on these %d cores (50 x (remote %.0f + kilter %.0f ms) / %d): %.2f s; the plan took %.2f s (%.2fx the floor)\n",
    c, r, k, c, f, w, w / f }'
if [ -n "${BASELINE:-}" ]; then
  echo "baseline:"
  "$here/remote_cost.sh" "$hosts" 10 3 "$BASELINE" plan "$work/specs10" "${parallel[@]}"
fi

echo
timings() {  # timings N: kilter plan --timings of N hosts, the hosts' rows averaged
  "$kilter" plan --timings "$work/specs$1" "${parallel[@]}" 2>&1 >/dev/null |
    awk -v n="$1" '
      /^  host / { for (i = 3; i <= NF; i++) col[i - 1] = $i; cols = NF - 1; next }
      /^  run:/ { run = $0; next }
      /^  h[0-9]+ / {
        for (i = 3; i <= NF; i++) if ($i != "-") { sum[$2, i - 1] += $i; seen[$2, i - 1] = 1 }
        if (!($2 in known)) { known[$2] = 1; order[++rows] = $2 }
      }
      END {
        printf "timings, %d host(s), mean per host (ms):\n  %-12s", n, "provider"
        for (c = 2; c <= cols; c++) printf " %8s", col[c]
        printf "\n"
        for (k = 1; k <= rows; k++) {
          printf "  %-12s", order[k]
          for (c = 2; c <= cols; c++)
            printf " %8s", seen[order[k], c] ? sprintf("%.1f", sum[order[k], c] / n) : "-"
          printf "\n"
        }
        print run
      }'
}
timings 1
timings 50
echo "load at end: $(uptime)"
