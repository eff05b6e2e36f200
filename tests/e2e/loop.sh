#!/usr/bin/env bash
# The reconcile laws on one host, over $E2E_TRANSPORT (local or ssh):
# apply then plan is empty; a second apply changes nothing; a hand edit is
# drift (exit 2) and the next apply fixes it; suppressed drift is not drift
# until the suppression expires; a resource removed from the
# specs is deleted; a stale plan is refused naming the resource; a concurrent
# apply is refused naming the holder, and a dead holder's lock is taken over;
# a handler left pending by a killed run is run by the next apply.
. "$(dirname "$0")/lib.sh"
inventory "${E2E_TRANSPORT:-local}"
file_spec motd 'Welcome\n'
file_spec app 'listen = 8080\nworkers = 4\n' 0600

echo "== plan shows two creates and changes nothing"
run 2 "$KILTER" plan "$specs"
contains '+ file "motd" @ box'
contains 'Plan: 2 to create, 0 to update, 0 to replace, 0 to delete.'
[ ! -e "$root/motd" ] || fail "plan wrote a file"

echo "== apply, then plan is empty"
run 0 "$KILTER" apply "$specs" --auto-approve
contains 'Apply complete: 2 created'
[ "$(cat "$root/motd")" = "Welcome" ] || fail "motd content: $(cat "$root/motd")"
[ "$(stat -c %a "$root/app")" = 600 ] || fail "app mode $(stat -c %a "$root/app")"
run 0 "$KILTER" plan "$specs"
contains 'No changes.'

echo "== a second apply changes nothing"
before=$(stat -c %Y.%i "$root/motd")
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$before" = "$(stat -c %Y.%i "$root/motd")" ] || fail "second apply rewrote motd"

echo "== a hand edit is drift, named and classified; apply fixes it"
printf 'defaced\n' > "$root/motd"
run 2 "$KILTER" drift "$specs"
contains '~ file "motd" @ box  (changed on the host)'
contains '-defaced'
run 2 "$KILTER" drift "$specs" --format json
contains '"cause": "live-changed"'
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$(cat "$root/motd")" = "Welcome" ] || fail "apply did not fix motd"
run 0 "$KILTER" drift "$specs"

echo "== known drift suppressed in kilter.toml is not drift; an expired suppression is reported"
printf 'defaced\n' > "$root/motd"
cp "$specs/kilter.toml" "$work/inventory.bak"
cat >> "$specs/kilter.toml" <<TOML

[[suppress]]
address = 'file "motd" @ box'
reason = "edited during the migration"
expires = 2999-12-31
TOML
run 0 "$KILTER" drift "$specs"
contains '1 suppressed.'
sed -i 's/2999-12-31/2020-01-31/' "$specs/kilter.toml"
run 2 "$KILTER" drift "$specs"
contains '1 expired suppression'
contains 'edited during the migration'
cp "$work/inventory.bak" "$specs/kilter.toml"
run 0 "$KILTER" apply "$specs" --auto-approve
run 0 "$KILTER" drift "$specs"

echo "== a stale plan is refused, naming what moved"
file_spec motd 'Welcome back\n'
run 2 "$KILTER" plan "$specs" -o "$work/plan.json"
printf 'moved\n' > "$root/motd"
run 1 "$KILTER" apply "$work/plan.json"
contains 'the plan is stale'
contains 'file "motd" @ box: changed on the host since the plan'
[ "$(cat "$root/motd")" = moved ] || fail "a stale plan changed motd"
run 2 "$KILTER" plan "$specs" -o "$work/plan.json"
run 0 "$KILTER" apply "$work/plan.json"
[ "$(cat "$root/motd")" = "Welcome back" ] || fail "saved plan not applied"

echo "== a resource removed from the specs is deleted"
rm "$specs/app.kilt"
run 2 "$KILTER" plan "$specs"
contains '- file "app" @ box'
contains 'Plan: 0 to create, 0 to update, 0 to replace, 1 to delete.'
run 0 "$KILTER" apply "$specs" --auto-approve
[ ! -e "$root/app" ] || fail "app was not deleted"
run 0 "$KILTER" plan "$specs"

echo "== a concurrent apply is refused naming the holder; a dead holder's lock is taken over"
file_spec motd 'Welcome again\n'
sleep 300 & holder=$!
printf '{"machine":"%s","pid":%d,"pid_start":"","run_id":"0123456789abcdef","started":"2024-05-01T12:00:00Z","user":"alice"}\n' \
  "$(hostname)" "$holder" > "$state/lock"
run 1 "$KILTER" apply "$specs" --auto-approve
contains "another apply holds the lock: alice@$(hostname) (pid $holder, run 0123456789abcdef) since 2024-05-01T12:00:00Z"
kill "$holder"; wait "$holder" 2>/dev/null || true
run 0 "$KILTER" apply "$specs" --auto-approve
contains 'took over a stale lock of alice@'
[ ! -e "$state/lock" ] || fail "the lock was not released"

echo "== a handler left pending by a killed run is run by the next apply"
cat > "$state/pending-handlers" <<JSON
{"version":1,"handlers":[{"id":"reload","command":"touch $work/reloaded","provider":"file",
 "since":"2024-05-01T12:00:00Z","run_id":"deadbeefdeadbeef"}]}
JSON
run 2 "$KILTER" plan "$specs"
contains 'handler reload: touch'
contains 'left pending by run deadbeefdeadbeef'
run 0 "$KILTER" apply "$specs" --auto-approve
[ -e "$work/reloaded" ] || fail "the pending handler did not run"
[ ! -e "$state/pending-handlers" ] || fail "the pending handler is still recorded"
run 0 "$KILTER" plan "$specs"
echo "PASS"
