#!/usr/bin/env bash
# backup.policy through the real `kilter` binary against the estate's restic
# and MariaDB (the OpenCart database): apply installs the schedule, plan is
# then empty, `kilter backup run` takes a snapshot, `kilter backup verify`
# restores it into a scratch database and matches every table's row count,
# an old snapshot is stale drift that a fresh run clears (the backup's age
# exported as a metric follows; the schedule's interval beside it), a repository
# re-initialised after a backup is drift at once, and a name that is not a
# policy is an error with a suggestion.
. "$(dirname "$0")/lib.sh"
load_env restic
load_env mariadb
repo=$RESTIC_REPOS/e2e-cli-$$
trap 'rm -rf "$work" "$repo"; rm -f "$RESTIC_CRON_DIR"/kilter-opencart-db' EXIT

inventory local
cat >> "$specs/kilter.toml" <<TOML

[providers."backup.policy"]
cron_dir = "$RESTIC_CRON_DIR"
job_dir = "$RESTIC_JOB_DIR"
log_dir = "$RESTIC_SCRATCH"
scratch_dir = "$RESTIC_SCRATCH"
defaults_file = "$MARIADB_DEFAULTS_FILE"
TOML
cat > "$specs/backup.kilt" <<KILT
backup.policy "opencart-db" on box {
  source        = { mysql = "$MARIADB_DATABASE" }
  repository    = "$repo"
  password_file = "$RESTIC_PASSWORD_FILE_PATH"
  schedule      = "0 3 * * *"
  keep          = { daily = 7, weekly = 4, monthly = 6 }
}
KILT

echo "== plan, apply, plan empty"
run 2 "$KILTER" plan "$specs"
contains '+ backup.policy "opencart-db" @ box'
run 0 "$KILTER" apply "$specs" --auto-approve
[ -s "$RESTIC_CRON_DIR/kilter-opencart-db" ] || fail "no cron file installed"
grep -q '^0 3 \* \* \* ' "$RESTIC_CRON_DIR/kilter-opencart-db" || fail "cron file lacks the schedule"

echo "== backup run takes a snapshot; verify restores and matches it"
run 0 "$KILTER" backup run opencart-db "$specs" --time "2026-11-01 03:00:00"
run 0 "$KILTER" backup verify opencart-db "$specs"
contains '136 tables'

echo "== the only snapshot is weeks old: drift reports a stale backup"
run 2 "$KILTER" drift "$specs"
contains 'stale backup'
# backup_age: the policy's kilter_resource_backup_age_seconds in `drift --format prometheus`.
backup_age() {
  sed -n 's/^kilter_resource_backup_age_seconds{host="box",type="backup.policy",name="opencart-db"} //p' <<<"$out"
}
run 2 "$KILTER" drift "$specs" --format prometheus
contains 'kilter_resource_in_sync{host="box",type="backup.policy",name="opencart-db"} 0'
# The schedule's longest gap (daily), which the KilterBackupStale alert adds the grace to.
contains 'kilter_resource_backup_interval_seconds{host="box",type="backup.policy",name="opencart-db"} 86400'
age=$(backup_age)
[ -n "$age" ] && [ "$age" -gt $((20 * 86400)) ] || fail "backup age of the weeks-old snapshot: '$age'"
run 0 "$KILTER" backup run opencart-db "$specs"
run 0 "$KILTER" plan "$specs"
run 0 "$KILTER" drift "$specs"
run 0 "$KILTER" drift "$specs" --format prometheus
contains 'kilter_resource_in_sync{host="box",type="backup.policy",name="opencart-db"} 1'
age=$(backup_age)
[ -n "$age" ] && [ "$age" -lt 600 ] || fail "backup age of the fresh snapshot: '$age'"
size=$(sed -n 's/^kilter_resource_last_snapshot_size_bytes{host="box",type="backup.policy",name="opencart-db"} //p' <<<"$out")
[ -n "$size" ] && [ "$size" -gt 100000 ] || fail "size of the last snapshot (the OpenCart dump): '$size'"

echo "== the repository re-initialised after that backup: drift at once, until the next run"
rm -rf "$repo"
restic -r "$repo" --password-file "$RESTIC_PASSWORD_FILE_PATH" init -q
run 2 "$KILTER" drift "$specs"
contains "repository $repo was replaced or re-initialised after the last successful backup"
run 0 "$KILTER" backup run opencart-db "$specs"
run 0 "$KILTER" drift "$specs"

echo "== kilter import writes the policy back from its job script: nothing to do"
reimport "$specs/backup.kilt" backup.policy box
grep -qF 'backup.policy "opencart-db" on box {' <<<"$imported" || fail "import lacks the policy: $imported"
grep -qE '^  schedule += "0 3 \* \* \*"$' <<<"$imported" || fail "import lacks the schedule: $imported"

echo "== an unknown policy name is an error with a suggestion"
run 1 "$KILTER" backup verify opencart-bd "$specs"
contains 'no backup.policy named "opencart-bd"'
contains 'opencart-db'
echo "PASS"
