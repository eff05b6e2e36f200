#!/usr/bin/env bash
# redis.server through the kilter binary against the estate's redis-server,
# over the local transport and over SSH: check, plan, apply, plan empty;
# drift after a hand CONFIG SET (exit 2, "live"); the password from env()
# is in no output, no saved plan (plan -o) and no JSON. The server is
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
done
echo "redis e2e: ok"
