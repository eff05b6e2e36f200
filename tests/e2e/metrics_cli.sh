#!/usr/bin/env bash
# Drift as metrics, end to end: after an apply (recorded on the host) two
# files are changed by hand; `kilter drift --textfile` writes kilter.prom into
# the directory a real prometheus-node-exporter's textfile collector reads, a
# real Prometheus scrapes the exporter every second, and its HTTP API answers
# the drift the estate has (2 on box), the host that could not be read
# (reachable 0) and when box was last applied. `promtool check metrics`
# accepts what `drift --format prometheus` prints.
. "$(dirname "$0")/lib.sh"
load_env prometheus
command -v promtool > /dev/null || fail "promtool not found (scripts/setup installs prometheus)"
inventory local
unreachable_host gone
file_spec motd 'Welcome\n'
file_spec banner 'Hello\n'
file_spec issue 'Debian\n'
cat >> "$specs/motd.kilt" <<KILT

file "motd-gone" on gone {
  path    = "/tmp/kilter-never-written"
  content = "x"
}
KILT
rm -f "$TEXTFILE_DIR/kilter.prom"

echo "== apply records when it finished on the host"
before=$(date +%s)
run 1 "$KILTER" apply "$specs" --auto-approve
contains "gone: "
jq -e '.time | length > 0' "$state/last-apply" > /dev/null || fail "no last-apply: $(cat "$state/last-apply")"
printf 'changed\n' > "$root/motd"
printf 'changed\n' > "$root/banner"

echo "== drift --format prometheus passes promtool; --textfile writes the same metrics"
run 1 "$KILTER" drift "$specs" --format prometheus --textfile "$TEXTFILE_DIR"
metrics=$(grep -v '^kilter: ' <<<"$out")
promtool check metrics <<<"$metrics" || fail "promtool rejects the metrics:"$'\n'"$metrics"
promtool check metrics < "$TEXTFILE_DIR/kilter.prom" || fail "promtool rejects kilter.prom"
grep -qx 'kilter_host_drift{host="box"} 2' "$TEXTFILE_DIR/kilter.prom" ||
  fail "kilter.prom: $(cat "$TEXTFILE_DIR/kilter.prom")"
grep -q 'kilter_host_drift{host="gone"}' "$TEXTFILE_DIR/kilter.prom" &&
  fail "a drift count for gone, which was not read"
[ "$(find "$TEXTFILE_DIR" -type f | wc -l)" = 1 ] || fail "left behind: $(ls -a "$TEXTFILE_DIR")"
run 1 "$KILTER" drift "$specs" --textfile "$TEXTFILE_DIR"
contains '~ file "motd" @ box'
run 1 "$KILTER" drift "$specs" --textfile "$work/no-such-dir"
contains '~ file "motd" @ box'
contains "$work/no-such-dir/kilter.prom"

# query PROMQL: the value of the one series PROMQL selects, once Prometheus
# has scraped it (up to 30 s); fails naming the last answer otherwise.
query() {
  local answer value
  for _ in $(seq 1 60); do
    answer=$(curl -fsS --get "$PROMETHEUS_URL/api/v1/query" --data-urlencode "query=$1") ||
      fail "Prometheus did not answer $1"
    value=$(jq -r 'if (.data.result | length) == 1 then .data.result[0].value[1] else empty end' <<<"$answer")
    [ -n "$value" ] && { echo "$value"; return; }
    sleep 0.5
  done
  fail "Prometheus has no single series for $1: $answer"
}

echo "== Prometheus scraped the textfile through node-exporter"
[ "$(query 'kilter_host_drift{host="box",job="node"}')" = 2 ] || fail "drift of box is not 2"
[ "$(query 'kilter_host_reachable{host="box"}')" = 1 ] || fail "box is not reachable"
[ "$(query 'kilter_host_reachable{host="gone"}')" = 0 ] || fail "gone is reachable"
[ "$(query 'kilter_resource_in_sync{host="box",type="file",name="motd"}')" = 0 ] ||
  fail "motd is in sync"
[ "$(query 'kilter_resource_in_sync{host="box",type="file",name="issue"}')" = 1 ] ||
  fail "issue is not in sync"
applied=$(query 'kilter_host_last_apply_timestamp_seconds{host="box"}')
[ "$applied" -ge "$before" ] && [ "$applied" -le "$(date +%s)" ] ||
  fail "last apply $applied is not between $before and now"
query 'kilter_run_duration_seconds' > /dev/null

echo "== the exported drift follows the estate: after an apply, 0"
run 1 "$KILTER" apply "$specs" --auto-approve
run 1 "$KILTER" drift "$specs" --textfile "$TEXTFILE_DIR"
for _ in $(seq 1 60); do
  [ "$(query 'kilter_host_drift{host="box"}')" = 0 ] && break
  sleep 0.5
done
[ "$(query 'kilter_host_drift{host="box"}')" = 0 ] || fail "drift of box did not drop to 0"
rm -f "$TEXTFILE_DIR/kilter.prom"
echo "PASS"
