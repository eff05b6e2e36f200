#!/usr/bin/env bash
# merge.sh plan|drift: joins every shard's file in $KILTER_OUT into
# $KILTER_OUT/KIND.json (a plan apply.sh can carry out; for drift the report
# nightly runs keep), KIND.md (a comment body: kilter keeps it under 65,000
# characters) and KIND.txt (in full), for drift also drift.prom (the
# Prometheus metrics push-metrics.sh sends), and prints `changes=true|false`
# for $GITHUB_OUTPUT. kilter names a missing shard.
. "$(dirname "$0")/lib.sh"
kind=${1:?usage: merge.sh plan|drift}
shopt -s nullglob
shards=("$KILTER_OUT/$kind"-*-of-*.json)
[ ${#shards[@]} -gt 0 ] || die "no $kind shards in $KILTER_OUT"
status=0
"$KILTER" report merge "${shards[@]}" --format markdown -o "$KILTER_OUT/$kind.json" \
  > "$KILTER_OUT/$kind.md" || status=$?
[ "$status" = 0 ] || [ "$status" = 2 ] || exit "$status"
run_kilter report merge "${shards[@]}" --format text --color never > "$KILTER_OUT/$kind.txt"
if [ "$kind" = drift ]; then
  run_kilter report merge "${shards[@]}" --format prometheus > "$KILTER_OUT/drift.prom"
fi
if [ "$status" = 2 ]; then echo changes=true; else echo changes=false; fi
