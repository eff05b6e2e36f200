#!/usr/bin/env bash
# `promtool check metrics` (Prometheus' own linter of the text format:
# HELP and TYPE, names, label escaping, units) accepts every golden
# Prometheus output: the renderer's (plan/drift.prom) and the merge's.
set -uo pipefail
here=$(dirname "$0")
command -v promtool > /dev/null || { echo "FAIL: promtool not found (scripts/setup installs prometheus)"; exit 1; }
failures=0
for file in "$here/plan/drift.prom" "$here/report/merge-drift-prometheus/expected.txt"; do
  [ -s "$file" ] || { echo "FAIL: $file is missing or empty"; failures=$((failures + 1)); continue; }
  promtool check metrics < "$file" || { echo "FAIL: promtool rejects $file"; failures=$((failures + 1)); }
done
[ "$failures" = 0 ] && echo ok
