#!/usr/bin/env bash
# mysql.maintenance through the kilter binary, over the local transport and
# over SSH, against a MariaDB of its own loaded with the OpenCart schema:
# apply installs the cron file at the declared time, running the kilter
# binary's `maintenance job`; a second apply and a plan have nothing to do.
# Outside its window a run by hand (or the cron file's own command) refuses,
# unless forced; inside it, a run by hand runs ANALYZE on
# every listed table and OPTIMIZE only on the one table with deleted rows
# (printed and recorded on the host, and the free space is gone after). A
# listed table dropped by hand makes the next run fail, and drift names the
# table and the server's error; a run past the schedule and its grace
# (--now) is drift; the exported metrics carry the last run's time.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/own_mariadb.sh"
own_mariadb 38
load_opencart opencart

# Windows around the clock of this run (the host's local time): one holding
# now, one two hours ahead.
hour=$((10#$(date +%H)))
hh() { printf '%02d' $(( ($1 + 24) % 24 )); }
open_window="$(hh $((hour - 1))):00-$(hh $((hour + 2))):00"
closed_window="$(hh $((hour + 2))):00-$(hh $((hour + 3))):00"
tables='["oc_product", "oc_order", "oc_customer_activity", "oc_setting"]'

spec() {  # spec WINDOW ANALYZE
  cat > "$specs/db.kilt" <<KILT
mysql.maintenance "shop" on box {
  database      = "opencart"
  tables        = $tables
  analyze       = "$2"
  optimize_when = { free_over = 20 }
  window        = "$1"
}
KILT
}

# free_percent TABLE: DATA_FREE against DATA_LENGTH + INDEX_LENGTH, in whole percent.
free_percent() {
  sql "SELECT FLOOR(100 * DATA_FREE / GREATEST(DATA_LENGTH + INDEX_LENGTH, 1)) FROM information_schema.TABLES
       WHERE TABLE_SCHEMA = 'opencart' AND TABLE_NAME = '$1'"
}

for transport in local ssh; do
  echo "== mysql.maintenance over $transport"
  rm -rf "$work/maint"
  sql "CREATE TABLE IF NOT EXISTS opencart.oc_setting LIKE opencart.oc_product"
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers."mysql.maintenance"]
cron_dir = "$work/maint/cron"
log_dir = "$work/maint/log"
kilter = "$KILTER"
user = "$(id -un)"
defaults_file = "$srv/client.cnf"
TOML
  cron=$work/maint/cron/kilter-maintenance-shop
  record=$work/maint/log/kilter-maintenance-shop.json

  # The schedule: a cron file at the declared time, running kilter's job.
  spec "$closed_window" "daily $(hh $((hour + 2))):15"
  run 0 "$KILTER" check "$specs"
  lacks "warning["
  run 2 "$KILTER" plan "$specs"
  contains '+ mysql.maintenance "shop" @ box'
  contains "write $cron"
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ -f "$cron" ] || fail "apply wrote no cron file at $cron"
  grep -q "^15 $((10#$(hh $((hour + 2))))) \* \* \* $(id -un) $KILTER maintenance job --name shop --host box --database opencart --table oc_product --table oc_order --table oc_customer_activity --table oc_setting --free-over 20 " "$cron" \
    || { cat "$cron" >&2; fail "the cron line is not at the declared time with the job's flags"; }
  grep -q "Managed by kilter: mysql.maintenance \"shop\" @ box" "$cron" || fail "the cron file carries no mark"
  run 0 "$KILTER" apply "$specs" --auto-approve
  contains "No changes."
  run 0 "$KILTER" plan "$specs"
  contains "No changes."

  # Outside the window a run by hand refuses and records nothing.
  run 1 "$KILTER" maintenance run shop "$specs"
  contains "refused: the host's clock says"
  contains "outside the window $closed_window"
  [ ! -e "$record" ] || fail "a refused run wrote a record"

  # The cron file's own command, as cron runs it on the host: it refuses
  # outside the window too, and with --force runs and records.
  job=$(grep -E '^[0-9]' "$cron" | cut -d' ' -f7- | sed 's/ >> .*//')
  run 1 sh -c "$job"
  contains "refused: the host's clock says"
  run 0 sh -c "$job --force"
  contains "oc_setting"
  [ "$(jq -r '.forced, .ok, (.tables | length)' "$record" | tr '\n' ' ')" = "true true 4 " ] \
    || { cat "$record" >&2; fail "the forced job did not record four analyzed tables"; }

  # Free space in one table only: rows added, then most of them deleted.
  sql "USE opencart; TRUNCATE oc_customer_activity;
       INSERT INTO opencart.oc_customer_activity (customer_id, \`key\`, data, ip, date_added)
         SELECT seq, 'login', REPEAT('x', 500), '127.0.0.1', NOW() FROM seq_1_to_4000;
       DELETE FROM opencart.oc_customer_activity WHERE customer_activity_id > 400"
  [ "$(free_percent oc_customer_activity)" -gt 20 ] || fail "deleting rows left no free space: $(free_percent oc_customer_activity) %"

  # Inside the window: ANALYZE on each table, OPTIMIZE on oc_customer_activity only.
  spec "$open_window" "daily $(hh $((hour - 1))):30"
  run 0 "$KILTER" apply "$specs" --auto-approve
  run 0 "$KILTER" maintenance run shop "$specs"
  for t in oc_product oc_order oc_customer_activity oc_setting; do
    grep -qE "^  $t +analyze +[0-9.]+s  ok$" <<<"$out" || { echo "$out" >&2; fail "no ANALYZE of $t printed"; }
    [ "$(jq -r --arg t "$t" '[.tables[] | select(.table == $t and .action == "analyze" and .result == "ok")] | length' "$record")" = 1 ] \
      || { cat "$record" >&2; fail "the record lacks the ANALYZE of $t"; }
  done
  grep -qE "^  oc_customer_activity +optimize +[0-9.]+s  ok$" <<<"$out" || { echo "$out" >&2; fail "no OPTIMIZE of oc_customer_activity printed"; }
  [ "$(jq -r '[.tables[] | select(.action == "optimize")] | map(.table) | join(",")' "$record")" = oc_customer_activity ] \
    || { cat "$record" >&2; fail "OPTIMIZE ran on other tables than oc_customer_activity"; }
  [ "$(jq -r .ok "$record")" = true ] || fail "the record says the run failed"
  [ "$(free_percent oc_customer_activity)" = 0 ] || fail "OPTIMIZE left free space in oc_customer_activity"
  contains "done from "
  run 0 "$KILTER" drift "$specs"
  run 0 "$KILTER" drift "$specs" --format prometheus
  start=$(jq -r .start "$record")
  contains "kilter_resource_maintenance_last_run_timestamp_seconds{"
  contains "} $(date -d "$start" +%s)"

  # A listed table dropped by hand: the run fails, drift names table and error.
  sql "DROP TABLE opencart.oc_setting"
  run 1 "$KILTER" maintenance run shop "$specs"
  grep -qE "^  oc_setting +analyze +[0-9.]+s  failed: Table 'opencart.oc_setting' doesn't exist$" <<<"$out" \
    || { echo "$out" >&2; fail "the failed ANALYZE of oc_setting is not printed with the server's error"; }
  run 2 "$KILTER" drift "$specs"
  contains "failed on table opencart.oc_setting: analyze TABLE: Table 'opencart.oc_setting' doesn't exist"
  set +e; "$KILTER" drift "$specs" --format json > "$work/drift.json" 2>/dev/null; rc=$?; set -e
  [ "$rc" = 2 ] || fail "drift --format json exited $rc, expected 2"
  jq -e '[.. | objects | select(.type? == "mysql.maintenance") | .problems[]? | select(test("oc_setting"))] | length == 1' "$work/drift.json" >/dev/null \
    || { cat "$work/drift.json" >&2; fail "the JSON drift lacks the failed table"; }

  # A run past the schedule and its grace is drift.
  sql "CREATE TABLE opencart.oc_setting LIKE opencart.oc_product"
  run 0 "$KILTER" maintenance run shop "$specs"
  run 0 "$KILTER" drift "$specs"
  late=$(date -u -d "@$(( $(date -d "$(jq -r .start "$record")" +%s) + 86400 + 7200 + 60 ))" +%Y-%m-%dT%H:%M:%SZ)
  run 2 "$KILTER" drift "$specs" --now "$late"
  contains "late maintenance: the last run is 1d 2h old; the schedule runs at least every 1d 0h, grace 2h 0m"

  # Removed from the specs: its cron file goes, the record stays.
  : > "$specs/db.kilt"
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ ! -e "$cron" ] || fail "the cron file of the removed resource is still there"
  [ -f "$record" ] || fail "the run record was removed"
done
echo "mysql.maintenance e2e: ok"
