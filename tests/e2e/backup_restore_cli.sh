#!/usr/bin/env bash
# kilter backup restore through the real binary, over the local transport or
# SSH (E2E_TRANSPORT), against a MariaDB of its own holding the OpenCart
# schema and a restic repository of its own: the job records every table's
# exact row count in the snapshot; a restore --to a new database matches the
# source's row counts and prints its time; a database that exists, or the
# live one, is refused with nothing changed; --before picks the newest
# snapshot older than the time; the restore time and the age of the last
# verification are in drift's JSON, and verify_every makes an old one drift;
# --replace is refused while an apply holds the host lock, and otherwise
# swaps the restore in with one RENAME TABLE, keeping the live tables in
# opencart_before_restore_<time>; a damaged repository fails the restore,
# drops the half-made database and replaces nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/own_mariadb.sh"
transport=${E2E_TRANSPORT:-local}
command -v restic >/dev/null || fail "restic is not installed"
own_mariadb "$([ "$transport" = ssh ] && echo 37 || echo 36)"
load_opencart opencart
# Enough rows to restore something: 2000 products beside the stock rows.
sql "INSERT IGNORE INTO opencart.oc_product_to_store (product_id, store_id)
     SELECT seq, 0 FROM opencart.seq_1_to_2000"
stores() { sql "SELECT COUNT(*) FROM \`$1\`.oc_product_to_store"; }
full=$(stores opencart)

repo=$work/repo
mkdir -p "$work/cron" "$work/jobs" "$work/log" "$work/scratch"
head -c 24 /dev/urandom | base64 > "$work/restic.pass"
restic() { command restic -r "$repo" --password-file "$work/restic.pass" -q "$@"; }

inventory "$transport"
cat >> "$specs/kilter.toml" <<TOML

[providers."backup.policy"]
cron_dir = "$work/cron"
job_dir = "$work/jobs"
log_dir = "$work/log"
scratch_dir = "$work/scratch"
defaults_file = "$srv/client.cnf"
TOML
cat > "$specs/backup.kilt" <<KILT
backup.policy "opencart-db" on box {
  source        = { mysql = "opencart" }
  repository    = "$repo"
  password_file = "$work/restic.pass"
  schedule      = "0 3 * * *"
  keep          = { daily = 7, weekly = 4, monthly = 6 }
  verify_every  = 7d
}
KILT

# counts DB: "table count" of every base table of DB, exact, sorted.
counts() {
  sql "SELECT CONCAT('SELECT ', QUOTE(table_name), ', COUNT(*) FROM \`$1\`.\`', table_name, '\`;')
       FROM information_schema.tables WHERE table_schema = '$1' AND table_type = 'BASE TABLE'
       ORDER BY table_name" | mariadb --defaults-file="$srv/client.cnf" -N -B
}
databases() { sql "SELECT schema_name FROM information_schema.schemata ORDER BY 1" | tr '\n' ' '; }

echo "== apply; an old snapshot, then a fresh one recording every table's row count"
run 0 "$KILTER" apply "$specs" --auto-approve
run 0 "$KILTER" backup run opencart-db "$specs" --time "2026-11-01 03:00:00"
sql "DELETE FROM opencart.oc_product_to_store WHERE product_id > 1000"
run 0 "$KILTER" backup run opencart-db "$specs"
backed_up=$(stores opencart)
record=$(restic dump latest opencart.sql | tail -n 1)
grep -q '^-- kilter-row-counts: {.*"oc_product_to_store":'"$backed_up" <<<"$record" ||
  fail "the snapshot's last line is not the row counts: ${record:0:200}"
source_counts=$(counts opencart)

echo "== restore --to a new database: the source's row counts, and the time it took"
run 0 "$KILTER" backup restore opencart-db "$specs" --to opencart_restored
contains 'restored into opencart_restored: 136 tables'
contains "every table's row count matches the snapshot's record"
contains 'restore time: '
grep 'restore time: ' <<<"$out"
[ "$(counts opencart_restored)" = "$source_counts" ] || fail "restored row counts differ from the source"

echo "== an existing database or the live one is refused, nothing changed"
before=$(databases)
run 1 "$KILTER" backup restore opencart-db "$specs" --to opencart_restored
contains 'database opencart_restored already exists'
run 1 "$KILTER" backup restore opencart-db "$specs" --to opencart
contains 'is the live database'
run 1 "$KILTER" backup restore opencart-db "$specs" --to opencart_x --before 2026-10-01T00:00:00Z
contains 'no snapshot of this policy is older than the time given'
[ "$(databases)" = "$before" ] || fail "refused restores changed the databases: $(databases)"

echo "== --before picks the newest snapshot older than the time"
run 0 "$KILTER" backup restore opencart-db "$specs" --to opencart_old --before 2026-11-02T00:00:00Z
contains '2026-11-01T03:00:00'
[ "$(stores opencart_old)" = "$full" ] ||
  fail "the old snapshot's restore lacks its rows"
sql "DROP DATABASE opencart_old; DROP DATABASE opencart_restored"

echo "== the restore time is a measure; a verification older than verify_every is drift"
run 0 "$KILTER" drift "$specs" --format json
contains '"restore_duration_seconds"'
contains '"verify_age_seconds"'
verified=$work/log/kilter-backup-opencart-db.verified
sed -i 's/"time":"[^"]*"/"time":"2026-01-01T00:00:00Z"/' "$verified"
run 2 "$KILTER" drift "$specs"
contains 'restore not proven recently: the last successful restore (2026-01-01T00:00:00Z'
run 0 "$KILTER" backup verify opencart-db "$specs"
run 0 "$KILTER" drift "$specs"

echo "== --replace is refused while an apply holds the host lock"
before=$(databases)
sleep 300 >/dev/null 2>&1 & holder=$!
printf '{"machine":"%s","pid":%d,"pid_start":"","run_id":"0123456789abcdef","started":"2026-12-07T12:00:00Z","user":"alice"}\n' \
  "$(hostname)" "$holder" > "$state/lock"
run 1 "$KILTER" backup restore opencart-db "$specs" --to opencart_swap --replace
contains 'restore --replace refused, nothing was changed'
contains "another apply holds the lock: alice@$(hostname) (pid $holder"
[ "$(databases)" = "$before" ] || fail "a refused replace changed the databases: $(databases)"
kill "$holder"; wait "$holder" 2>/dev/null || true

echo "== --replace swaps the verified restore in, the live tables kept"
sql "DELETE FROM opencart.oc_product_to_store WHERE product_id > 10"
deleted=$(stores opencart)
run 0 "$KILTER" backup restore opencart-db "$specs" --to opencart_swap --replace
contains 'replaced: opencart now holds the restored tables; its 136 previous tables are kept in opencart_before_restore_'
[ ! -e "$state/lock" ] || fail "restore --replace left the lock behind"
kept=$(sql "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'opencart\_before\_restore\_%'")
[ "$(stores opencart)" = "$backed_up" ] ||
  fail "the live database lacks the restored rows"
[ -n "$kept" ] && [ "$(stores "$kept")" = "$deleted" ] ||
  fail "the kept tables are not the live ones before the restore"
[ "$(counts opencart)" = "$source_counts" ] || fail "the swapped-in tables differ from the backup's source"
[ -z "$(sql "SHOW DATABASES LIKE 'opencart\_swap'")" ] || fail "the emptied restore database was left"

echo "== a damaged repository: the restore fails, drops what it made, replaces nothing"
for pack in $(find "$repo/data" -type f); do
  chmod u+w "$pack"; printf 'damaged' | dd of="$pack" bs=1 seek=64 conv=notrunc status=none
done
live_counts=$(counts opencart)
before=$(databases)
run 1 "$KILTER" backup restore opencart-db "$specs" --to opencart_broken --replace
contains 'dropped the half-made database opencart_broken'
[ "$(databases)" = "$before" ] || fail "a failed restore left databases behind: $(databases)"
[ "$(counts opencart)" = "$live_counts" ] || fail "a failed restore changed the live database"
echo "PASS"
