#!/usr/bin/env bash
# drift.sh [K/N]: the drift report of one shard of the hosts as JSON,
# $KILTER_OUT/drift-K-of-N.json, for merge.sh. The file appears whole or
# not at all (another pod's merge may be waiting for it), also when a host
# had errors, which the merge then reports.
. "$(dirname "$0")/lib.sh"
share=$(shard "${1:-}")
report=$KILTER_OUT/drift-${share/\//-of-}.json
status=0
"$KILTER" drift "$KILTER_SPECS" --shard "$share" --format json > "$report.part" || status=$?
if [ -s "$report.part" ]; then mv "$report.part" "$report"; else rm -f "$report.part"; fi
[ "$status" = 0 ] || [ "$status" = 2 ] || exit "$status"
