#!/usr/bin/env bash
# The Kubernetes indexed Job's script (examples/ci/kubernetes/
# drift-cronjob.yaml runs ci/kilter/kubernetes-drift.sh in every pod), run
# as its pods run it: JOB_COMPLETION_INDEX 0..2 of KILTER_SHARDS=3, at once,
# with the real kilter on four hosts that are this machine. Pod 0 waits for
# the other shards and merges them into the report an unsharded drift
# makes; when a shard's pod never reports, pod 0's merge names the shard.
. "$(dirname "$0")/lib.sh"
hosts_inventory local web1 web2 db1 lb2
for host in web1 web2 db1 lb2; do host_file_spec "$host" motd "Welcome to $host\n"; done
run 0 "$KILTER" apply "$specs" --auto-approve
printf 'defaced\n' > "$root/lb2/motd"
export KILTER_SHARDS=3

echo "== three pods at once; pod 0 merges their reports into the unsharded drift report"
export KILTER_OUT=$work/night1 KILTER_MERGE_WAIT=60
for index in 0 1 2; do
  (JOB_COMPLETION_INDEX=$index "$scripts/kubernetes-drift.sh" > "$work/pod$index.log" 2>&1
   echo $? > "$work/pod$index.status") &
done
wait
for index in 0 1 2; do
  [ "$(cat "$work/pod$index.status")" = 0 ] || { cat "$work/pod$index.log" >&2; fail "pod $index failed"; }
done
grep -qx 'changes=true' "$work/pod0.log" || fail "pod 0: $(cat "$work/pod0.log")"
ls "$KILTER_OUT"/drift-{1,2,3}-of-3.json > /dev/null || fail "a shard's report is missing"
set +e; "$KILTER" drift "$specs" --format json > "$work/unsharded.json" 2> /dev/null; set -e
# When and how long: two runs differ there.
diff <(jq -S 'del(.created, .duration_seconds)' "$work/unsharded.json") \
  <(jq -S 'del(.created, .duration_seconds)' "$KILTER_OUT/drift.json") ||
  fail "the merged report differs from the unsharded one"
grep -qx 'kilter_host_drift{host="lb2"} 1' "$KILTER_OUT/drift.prom" ||
  fail "drift.prom: $(cat "$KILTER_OUT/drift.prom")"
grep -q 'kilter-ci: KILTER_PUSHGATEWAY_URL is not set' "$work/pod0.log" ||
  fail "pod 0 did not run push-metrics.sh: $(cat "$work/pod0.log")"
grep -qF '~ file "motd" @ lb2  (changed on the host)' "$KILTER_OUT/drift.txt" || fail "drift.txt lacks lb2"

echo "== a shard whose pod never reports is named by pod 0's merge"
export KILTER_OUT=$work/night2 KILTER_MERGE_WAIT=1
JOB_COMPLETION_INDEX=2 run 0 "$scripts/kubernetes-drift.sh"
JOB_COMPLETION_INDEX=0 run 1 "$scripts/kubernetes-drift.sh"
contains 'kilter report merge: error: shard 2/3 missing'
[ ! -e "$KILTER_OUT/drift.json" ] || fail "a merge with a shard missing wrote drift.json"
echo "PASS"
