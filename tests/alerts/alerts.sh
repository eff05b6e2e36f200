#!/usr/bin/env bash
# `kilter export alerts`: the rule file it writes is the golden
# expected-rules.yml, `promtool check rules` accepts it, and `promtool test
# rules` runs rules_test.yml against it: every alert fires on its series and
# only on them. Each mutation below breaks one rule the way a careless edit
# would; rules_test.yml must catch every one. Flags: thresholds reach the
# rules, bad durations are usage errors.
#
#   alerts.sh [--refresh]     --refresh rewrites expected-rules.yml
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../cli/lib.sh"
command -v promtool > /dev/null || { echo "FAIL: promtool not found (scripts/setup installs prometheus)"; exit 1; }

expect_status 0 "$KILTER" export alerts -o "$scratch/rules.yml"
if [ "${1:-}" = --refresh ]; then cp "$scratch/rules.yml" "$here/expected-rules.yml"; fi
diff -u --label expected-rules.yml --label actual "$here/expected-rules.yml" "$scratch/rules.yml" ||
  fail "kilter export alerts differs from expected-rules.yml (alerts.sh --refresh rewrites it)"
expect_status 0 "$KILTER" export alerts
[ "$out" = "$(cat "$scratch/rules.yml")" ] || fail "without -o the rules go to standard output"

expect_status 0 promtool check rules "$scratch/rules.yml"
expect_out "SUCCESS: 10 rules found"
cp "$here/rules_test.yml" "$scratch/"
expect_status 0 promtool test rules "$scratch/rules_test.yml"

echo "== a broken rule fails promtool test rules"
mutations=(
  's/kilter_host_drift > 0/kilter_host_drift >= 0/'
  's/kilter_host_drift > 0/kilter_host_drift > 1/'
  '/alert: KilterDrift/,/for:/{s/for: 6h/for: 5h/}'
  's/kilter_host_reachable == 0/kilter_host_reachable < 2/'
  '/alert: KilterHostUnreachable/,/for:/{s/for: 15m/for: 30m/}'
  's/kilter_run_timestamp_seconds > 93600/kilter_run_timestamp_seconds > 86400/'
  's/backup_interval_seconds + 7200/backup_interval_seconds/'
  's/backup_interval_seconds + 7200/backup_interval_seconds + 3600/'
  's/backup_interval_seconds + 7200/backup_interval_seconds + 14400/'
  's/{type="health.check"} == 0/ == 0/'
  's/median_seconds{type="health.check"} > /median_seconds{type="health.check"} > 0 * /'
  's/ or kilter_resource_latency_worst_seconds.*$//'
  's/probe_success{type="health.check"} == 0/in_sync{type="health.check"} == 0/'
  's/absent(kilter_run_timestamp_seconds)/absent(kilter_run_timestamp_seconds) or vector(1)/'
  's/for: 1h$/for: 10m/'
  's/{type="tls.certificate"} - time() < /{type="tls.certificate"} - time() > /'
  's/renew_before_seconds{type="tls.certificate"}$/renew_before_seconds{type="tls.certificate"} \/ 2/'
  's/expiry_timestamp_seconds{type="tls.certificate"} - time()/expiry_timestamp_seconds{type="tls.certificate"}/'
  's/kilter_host_pending_handlers > 0/kilter_host_pending_handlers >= 0/'
  's/kilter_host_pending_handlers > 0/kilter_host_pending_handlers > 1/'
  's/kilter_expired_suppressions > 0/kilter_expired_suppressions > 1/'
  's/kilter_expired_suppressions > 0/kilter_expired_suppressions >= 0/'
  's/severity: critical/severity: warning/'
  's/#kilterdrift/#drift/'
)
for m in "${mutations[@]}"; do
  sed "$m" "$here/expected-rules.yml" > "$scratch/rules.yml"
  if cmp -s "$here/expected-rules.yml" "$scratch/rules.yml"; then
    fail "the mutation '$m' changes nothing: it no longer matches the rules"
  elif promtool test rules "$scratch/rules_test.yml" > /dev/null 2>&1; then
    fail "promtool test rules passes the rules broken by '$m'"
  fi
done

echo "== flags"
expect_status 0 "$KILTER" export alerts --drift-for 1d --backup-grace 30m --unreachable-for 1h \
  --runbook-url https://ops.example/kilter/operations.html
expect_out "for: 1d"
expect_out "for: 1h"
expect_out "backup_interval_seconds + 1800"
expect_out "plus 30m."
expect_out '"https://ops.example/kilter/operations.html#kilterdrift"'
# A URL with a quote and a newline stays one YAML string.
expect_status 0 "$KILTER" export alerts -o "$scratch/odd.yml" --runbook-url $'https://ops.example/"x"\ny'
expect_status 0 promtool check rules "$scratch/odd.yml"
expect_status 1 "$KILTER" export alerts --drift-for soon
expect_out "--drift-for takes a duration of whole seconds such as 6h, not \"soon\""
expect_status 1 "$KILTER" export alerts --backup-grace 1500ms
expect_out "--backup-grace takes a duration"
expect_status 1 "$KILTER" export rules
expect_out "expected \`kilter export alerts\`"
finish
