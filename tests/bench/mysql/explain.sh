#!/usr/bin/env bash
# tests/bench/mysql/explain.sh DEFAULTS_FILE DATABASE
# For each query of queries.sql: its EXPLAIN (table, type, key, rows, Extra)
# and its median time over 20 runs in ms, as Markdown. Run it before and after
# applying the OpenCart profile (see run.sh).
set -euo pipefail
defaults=$1 db=$2
here=$(cd "$(dirname "$0")" && pwd)
client() { mariadb --defaults-file="$defaults" -N -B "$db" "$@"; }
# The median time of 20 runs of a statement, in microseconds.
median_us() {
  local times=() start
  for _ in $(seq 1 20); do
    start=$(date +%s%N)
    client -e "$1" >/dev/null
    times+=($(( ($(date +%s%N) - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 10p
}
ms() { echo "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000))) ms"; }
baseline=$(median_us "SELECT 1")
echo "Client round trip of SELECT 1 (included in every time below): $(ms "$baseline")"
echo
label=""
while IFS= read -r line; do
  if [[ $line == "-- "* ]]; then label=${line#-- }; continue; fi
  [ -n "$line" ] || continue
  echo "#### ${label}"
  echo
  echo '| table | type | key | rows | Extra |'
  echo '|---|---|---|---|---|'
  client -e "EXPLAIN $line" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $3, $4, $6, $9, $10 }'
  echo
  echo "median of 20 runs: $(ms "$(median_us "$line")")"
  echo
done <"$here/queries.sql"
