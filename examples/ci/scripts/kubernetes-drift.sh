#!/usr/bin/env bash
# kubernetes-drift.sh: one pod of the indexed Job in
# examples/ci/kubernetes/drift-cronjob.yaml. Reports the drift of shard
# JOB_COMPLETION_INDEX+1 of KILTER_SHARDS (drift.sh); pod 0 then waits up
# to KILTER_MERGE_WAIT seconds (default 1800) for every shard's report in
# $KILTER_OUT and merges them (merge.sh), naming any shard still missing,
# and pushes the merged metrics (push-metrics.sh).
. "$(dirname "$0")/lib.sh"
status=0
"$(dirname "$0")/drift.sh" || status=$?
[ "${JOB_COMPLETION_INDEX:?}" = 0 ] || exit "$status"
count=${KILTER_SHARDS:?KILTER_SHARDS is the number of shards}
deadline=$((SECONDS + ${KILTER_MERGE_WAIT:-1800}))
reports() { find "$KILTER_OUT" -maxdepth 1 -name "drift-*-of-$count.json" | wc -l; }
while [ "$(reports)" -lt "$count" ] && [ "$SECONDS" -lt "$deadline" ]; do sleep 2; done
"$(dirname "$0")/merge.sh" drift || exit $?
"$(dirname "$0")/push-metrics.sh" || status=$?
exit "$status"
