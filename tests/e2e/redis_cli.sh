#!/usr/bin/env bash
# redis.server through the kilter binary against the estate's redis-server,
# over the local transport and over SSH: check, plan, apply, plan empty;
# drift after a hand CONFIG SET (exit 2, "live"); the password from env()
# is in no output, no saved plan (plan -o) and no JSON; a file the server
# refuses at its config check fails the apply with redis-server's words and
# puts file and live values back; with restart = "allowed", a restart-only
# setting (databases) is applied by a restart after the check. The server is
# restarted clean (without kilter's file) after each round and at the end.
. "$(dirname "$0")/lib.sh"
load_env redis

secret="e2e-pass-$$"
owned=$REDIS_DIR/kilter-e2e.conf
# A killed daemon stays a zombie until PID 1 reaps it (which may be never).
alive() { [ -r "/proc/$1/stat" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]; }
restart_clean() {
  if [ -s "$REDIS_PID_FILE" ]; then
    pid=$(cat "$REDIS_PID_FILE")
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
  fi
  rm -f "$owned" "$REDIS_PID_FILE"
  $REDIS_START
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0; sleep 0.1; done
  fail "redis-server did not start again"
}
cleanup() { restart_clean; rm -rf "$work"; }
trap cleanup EXIT
cli() { REDISCLI_AUTH=$secret redis-cli --no-auth-warning -p "$REDIS_PORT" "$@"; }
# What restart_command runs: the estate's server stopped and started again.
cat > "$work/restart-redis.sh" <<SH
#!/bin/sh
pid=\$(cat "$REDIS_PID_FILE")
kill -TERM "\$pid"
while [ -r "/proc/\$pid/stat" ] && [ "\$(cut -d' ' -f3 "/proc/\$pid/stat")" != Z ]; do sleep 0.1; done
$REDIS_START
SH
chmod +x "$work/restart-redis.sh"

for transport in local ssh; do
  restart_clean
  inventory "$transport"
  cat > "$specs/cache.kilt" <<KILT
redis.server "e2e" on box {
  address          = "127.0.0.1:$REDIS_PORT"
  config_file      = "$REDIS_CONF"
  maxmemory        = 256MiB
  maxmemory_policy = "allkeys-lru"
  save             = ["3600 1", "300 100"]
  requirepass      = env("KILTER_E2E_REDIS_PASS")
}
KILT
  export KILTER_E2E_REDIS_PASS=$secret

  run 0 "$KILTER" check "$specs"
  run 2 "$KILTER" plan "$specs"
  contains '+ redis.server "e2e" @ box'
  contains "maxmemory is 0 live, not the declared 256MiB"
  lacks "$secret"
  run 2 "$KILTER" plan "$specs" -o "$work/plan.json"
  ! grep -qF "$secret" "$work/plan.json" || fail "the saved plan holds the password"
  run 2 "$KILTER" plan "$specs" --format json
  lacks "$secret"
  run 0 "$KILTER" apply "$work/plan.json" --auto-approve
  lacks "$secret"
  [ "$(cli CONFIG GET maxmemory | sed -n 2p)" = 268435456 ] || fail "maxmemory not set"
  [ "$(cli CONFIG GET requirepass | sed -n 2p)" = "$secret" ] || fail "requirepass not set"
  grep -qx 'maxmemory 256mb' "$owned" || fail "$owned does not persist maxmemory"
  run 0 "$KILTER" plan "$specs"

  cli CONFIG SET maxmemory 1g >/dev/null
  run 2 "$KILTER" drift "$specs"
  contains "maxmemory is 1000000000 live, but the declared 256MiB is persisted: changed by hand"
  lacks "$secret"
  run 0 "$KILTER" apply "$specs" --auto-approve
  run 0 "$KILTER" plan "$specs"

  # A file redis-server would refuse at its next start fails the check.
  echo "bogus-directive yes" > "$REDIS_DIR/kilter-zz-hand.conf"
  before=$(cat "$owned")
  sed -i 's/^  maxmemory        = 256MiB$/  maxmemory        = 128MiB/' "$specs/cache.kilt"
  run 1 "$KILTER" apply "$specs" --auto-approve
  contains "the config check, redis-server loading $REDIS_CONF in a scratch server, failed"
  contains "Bad directive or wrong number of arguments; the files were put back; the previous live values were restored"
  [ "$(cat "$owned")" = "$before" ] || fail "a failed check left kilter's file changed"
  [ "$(cli CONFIG GET maxmemory | sed -n 2p)" = 268435456 ] || fail "a failed check left maxmemory changed"
  rm "$REDIS_DIR/kilter-zz-hand.conf"

  # databases changes only at restart: with restart = "allowed" apply restarts.
  sed -i "s|^  requirepass |  databases        = 4\n  restart          = \"allowed\"\n  restart_command  = \"$work/restart-redis.sh\"\n  requirepass |" "$specs/cache.kilt"
  run 2 "$KILTER" plan "$specs"
  contains "restart redis-server at 127.0.0.1:$REDIS_PORT: \`$work/restart-redis.sh\`, once the config check passes"
  old_pid=$(cat "$REDIS_PID_FILE")
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ "$(cat "$REDIS_PID_FILE")" != "$old_pid" ] || fail "apply did not restart redis-server"
  [ "$(cli CONFIG GET databases | sed -n 2p)" = 4 ] || fail "databases not 4 after the restart"
  [ "$(cli CONFIG GET maxmemory | sed -n 2p)" = 134217728 ] || fail "maxmemory lost at the restart"
  run 0 "$KILTER" plan "$specs"
  lacks "$secret"
done
echo "redis e2e: ok"
