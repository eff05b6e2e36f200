#!/usr/bin/env bash
# What one run of COMMAND costs the hosts 0..N-1 started by sshds.sh in DIR:
#
# - CPU: the user+system time of every process their sshd started for it
#   (the connection's sshd, the login shell, kilter's protocol shell, the
#   reads, PHP), as the listening sshd accumulates it when it reaps its
#   children (cutime+cstime in /proc/PID/stat), over RUNS runs, per host;
# - processes: one more run with `strace -f -e trace=execve` attached to every
#   listening sshd, counting the successful execve calls per host, by program.
#
#   remote_cost.sh DIR N RUNS COMMAND...
set -euo pipefail
dir=${1:?usage: remote_cost.sh DIR N RUNS COMMAND...}
count=${2:?}
runs=${3:?}
shift 3
pids=()
for ((i = 0; i < count; i++)); do pids+=("$(cat "$dir/h$i/sshd.pid")"); done

# Waits until every listener has reaped its connections: only then are
# their CPU times in the listener's cutime and cstime.
settle() {
  local pid
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do
      [ -z "$(cat "/proc/$pid/task/$pid/children")" ] && break
      sleep 0.05
    done
  done
}
children_ticks() {
  local pid total=0 stat
  for pid in "${pids[@]}"; do
    stat=$(cat "/proc/$pid/stat")
    # Fields after the command name (which may hold spaces): cutime is
    # field 16, cstime 17 of the whole line, 14 and 15 after "comm) ".
    read -r -a rest <<<"${stat##*) }"
    total=$((total + rest[14] + rest[15]))
  done
  echo "$total"
}

settle
before=$(children_ticks)
for ((r = 0; r < runs; r++)); do "$@" >/dev/null 2>&1 || true; settle; done
after=$(children_ticks)
awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$count" -v r="$runs" \
  'BEGIN { printf "remote CPU per host (user+sys of what sshd started, %d runs): %.1f ms\n",
           r, t * 1000 / hz / n / r }'

traces=$(mktemp -d)
tracers=()
stop_tracers() {
  local t
  for t in "${tracers[@]}"; do kill -INT "$t" 2>/dev/null || true; done
  for t in "${tracers[@]}"; do wait "$t" 2>/dev/null || true; done
  tracers=()
}
trap 'stop_tracers; rm -rf "$traces"' EXIT
for ((i = 0; i < count; i++)); do
  mkdir "$traces/h$i"
  strace -f -ff -qq -e trace=execve -e signal=none -o "$traces/h$i/t" -p "${pids[i]}" &
  tracers+=($!)
done
for pid in "${pids[@]}"; do
  for _ in $(seq 100); do
    [ "$(awk '/^TracerPid:/ { print $2 }' "/proc/$pid/status")" != 0 ] && break
    sleep 0.05
  done
done
"$@" >/dev/null 2>&1 || true
settle
stop_tracers
# One file per process; a successful execve ends in "= 0".
cat "$traces"/h*/t.* | sed -n 's/^execve("\([^"]*\)".* = 0$/\1/p' | sed 's|.*/||' | sort | uniq -c |
  sort -rn | awk -v n="$count" '{ total += $1; list = list sprintf(", %s %g", $2, $1 / n) }
    END { printf "remote processes per host (execve under sshd): %g (%s)\n", total / n, substr(list, 3) }'
