#!/usr/bin/env bash
# mysql.partitioning through the kilter binary, over the local transport and
# over SSH, against a MariaDB of its own loaded with the OpenCart schema and a
# marketplace-sync log of 18 months (primary key including the date):
# apply converts the log into a monthly window, then plan is empty; a future
# partition removed by hand is drift (rows would land in the catch-all) and
# apply splits the catch-all again; a month later (--now) the plan splits the
# catch-all once and its one drop waits for the backup policy until a real
# restic backup (the policy's own job) has run after the partition's upper
# bound, then goes; the rows of every kept month are counted before and after
# and none is lost. oc_order by date_added is refused at plan with the key
# named (the message is a golden file) and the table is left as it was.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/own_mariadb.sh"
command -v restic >/dev/null || fail "restic is not installed"
own_mariadb 36
load_opencart opencart
golden=$(dirname "$0")/mysql_partitioning_oc_order.golden

now1=2026-12-07T12:00:00Z
now2=2027-01-07T12:00:00Z
log=opencart.oc_marketplace_sync_log

# make_log: the sync log afresh, unpartitioned: a row every 6 hours from
# 2025-07-01 for 540 days (18 months).
make_log() {
  sql "USE opencart; DROP TABLE IF EXISTS $log;
       CREATE TABLE $log (
         sync_id BIGINT NOT NULL AUTO_INCREMENT,
         synced_at DATETIME NOT NULL,
         channel VARCHAR(32) NOT NULL,
         status VARCHAR(16) NOT NULL,
         PRIMARY KEY (sync_id, synced_at),
         KEY channel_synced (channel, synced_at)
       ) ENGINE=InnoDB;
       INSERT INTO $log (synced_at, channel, status)
         SELECT '2025-07-01' + INTERVAL (seq * 6) HOUR, ELT(1 + seq % 3, 'amazon', 'ebay', 'etsy'), 'ok'
         FROM seq_0_to_2159"
}
# kept_counts: rows per month from 2026-01 on (the months the window keeps after the move).
kept_counts() { sql "SELECT DATE_FORMAT(synced_at, '%Y%m'), COUNT(*) FROM $log WHERE synced_at >= '2026-01-01' GROUP BY 1 ORDER BY 1"; }
partitions() { sql "SELECT IFNULL(GROUP_CONCAT(PARTITION_NAME ORDER BY PARTITION_ORDINAL_POSITION), '') FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = 'opencart' AND TABLE_NAME = '${1:-oc_marketplace_sync_log}'"; }

printf 'restic-%s\n' "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" > "$work/restic.pass"
chmod 600 "$work/restic.pass"

spec() {  # spec [extra resources]
  cat > "$specs/db.kilt" <<KILT
backup.policy "opencart-db" on box {
  source        = { mysql = "opencart" }
  repository    = "$work/restic"
  password_file = "$work/restic.pass"
  schedule      = "30 2 * * *"
  keep          = { daily = 7, weekly = 4, monthly = 12 }
  user          = "$(id -un)"
}

mysql.partitioning "sync-log" on box {
  database   = "opencart"
  table      = "oc_marketplace_sync_log"
  column     = "synced_at"
  interval   = "month"
  keep       = 12
  ahead      = 3
  covered_by = "opencart-db"
}
${1:-}
KILT
}

for transport in local ssh; do
  echo "== mysql.partitioning over $transport"
  make_log
  rm -rf "$work/restic" "$work/backup"
  mkdir -p "$work/backup/cron" "$work/backup/jobs" "$work/backup/log" "$work/backup/scratch"
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers."mysql.partitioning"]
defaults_file = "$srv/client.cnf"

[providers."backup.policy"]
cron_dir = "$work/backup/cron"
job_dir = "$work/backup/jobs"
log_dir = "$work/backup/log"
scratch_dir = "$work/backup/scratch"
defaults_file = "$srv/client.cnf"
TOML
  spec
  run 0 "$KILTER" check "$specs"
  lacks "warning["

  # Converting the unpartitioned log is a planned change with its size.
  run 2 "$KILTER" plan "$specs" --now "$now1" -o "$work/plan.json"
  contains '+ mysql.partitioning "sync-log" @ box'
  contains "opencart.oc_marketplace_sync_log is not partitioned: about"
  contains "ALTER TABLE \`opencart\`.\`oc_marketplace_sync_log\` PARTITION BY RANGE COLUMNS(\`synced_at\`) (PARTITION \`p202512\` VALUES LESS THAN ('2026-01-01')"
  [ -z "$(partitions)" ] || fail "plan partitioned the table"
  total=$(sql "SELECT COUNT(*) FROM $log")
  run 0 "$KILTER" apply "$work/plan.json" --now "$now1"
  [ "$(partitions)" = "p202512,p202601,p202602,p202603,p202604,p202605,p202606,p202607,p202608,p202609,p202610,p202611,p202612,p202701,p202702,p202703,pmax" ] \
    || fail "the window after apply: $(partitions)"
  [ "$(sql "SELECT COUNT(*) FROM $log")" = "$total" ] || fail "the conversion lost rows"
  run 0 "$KILTER" plan "$specs" --now "$now1"
  contains "No changes."
  lacks "catch-all"

  # A future partition removed by hand is drift before rows land in the catch-all.
  sql "ALTER TABLE $log REORGANIZE PARTITION p202703, pmax INTO (PARTITION pmax VALUES LESS THAN (MAXVALUE))"
  run 2 "$KILTER" drift "$specs" --now "$now1"
  contains "the highest ends at 2027-03-01: rows from 2027-03-01 on land in the catch-all pmax"
  run 0 "$KILTER" apply "$specs" --now "$now1" --auto-approve
  [ "$(partitions | tr ',' '\n' | tail -2 | tr '\n' ' ')" = "p202703 pmax " ] || fail "p202703 not split off again: $(partitions)"

  # A month later: one split and one drop, which waits for a newer backup.
  before=$(kept_counts)
  run 2 "$KILTER" plan "$specs" --now "$now2"
  contains "REORGANIZE PARTITION \`pmax\` INTO (PARTITION \`p202704\` VALUES LESS THAN ('2027-05-01'), PARTITION \`pmax\` VALUES LESS THAN (MAXVALUE))"
  contains "p202512 (synced_at before 2026-01-01: about"
  contains "waits for backup.policy \"opencart-db\": the policy has no successful snapshot recorded on the host"
  lacks "DROP PARTITION"
  run 0 "$KILTER" apply "$specs" --now "$now2" --auto-approve
  partitions | grep -q '^p202512,.*,p202704,pmax$' || fail "after the split: $(partitions)"
  run 0 "$KILTER" plan "$specs" --now "$now2"
  contains "waits for backup.policy \"opencart-db\""

  # The policy's own job takes a real restic snapshot: now the drop goes.
  run 0 "$KILTER" backup run opencart-db "$specs"
  [ -s "$work/backup/log/kilter-backup-opencart-db.last" ] || fail "the backup recorded no snapshot"
  run 2 "$KILTER" plan "$specs" --now "$now2"
  contains "DROP PARTITION \`p202512\`"
  contains "backup.policy \"opencart-db\" has a successful snapshot of"
  lacks "waits for backup.policy"
  run 0 "$KILTER" apply "$specs" --now "$now2" --auto-approve
  partitions | grep -q '^p202601,.*,p202704,pmax$' || fail "after the drop: $(partitions)"
  [ "$(kept_counts)" = "$before" ] || fail "rows of kept months changed: $before -> $(kept_counts)"
  [ "$(sql "SELECT COUNT(*) FROM $log WHERE synced_at < '2026-01-01'")" = 0 ] || fail "rows before the window remain"
  run 0 "$KILTER" plan "$specs" --now "$now2"
  contains "No changes."

  # oc_order by date_added: refused at plan, the key named, nothing changed.
  order_before=$(sql "SHOW CREATE TABLE opencart.oc_order")
  spec 'mysql.partitioning "orders" on box {
  database   = "opencart"
  table      = "oc_order"
  column     = "date_added"
  covered_by = "opencart-db"
}'
  run 0 "$KILTER" check "$specs"
  run 1 "$KILTER" plan "$specs" --now "$now2"
  sed -n '/cannot be partitioned by date_added/,/2\. partition by/p' <<<"$out" > "$work/refusal.txt"
  diff -u "$golden" "$work/refusal.txt" || fail "the oc_order refusal differs from $golden"
  run 1 "$KILTER" apply "$specs" --now "$now2" --auto-approve
  [ "$(sql "SHOW CREATE TABLE opencart.oc_order")" = "$order_before" ] || fail "oc_order was changed"
  [ -z "$(partitions oc_order)" ] || fail "oc_order was partitioned"
done
echo "mysql.partitioning e2e: ok"
