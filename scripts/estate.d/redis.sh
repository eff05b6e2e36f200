#!/usr/bin/env bash
# scripts/estate.d/redis.sh up|down|status
#
# A private redis-server 7 for the test estate, on 127.0.0.1:$((ESTATE_PORT_BASE+79)),
# with its own main config file $ESTATE_DIR/redis/redis.conf, which includes
# kilter's file for the resource "cache" (kilter-cache.conf beside it) the
# way a user would add the line. Writes $ESTATE_DIR/redis.env:
#   REDIS_PORT, REDIS_CONF, REDIS_DIR, REDIS_PID_FILE, REDIS_START (a command
#   line that starts the server again, for tests that kill it)
# Stops only the server it started (pid file).
set -euo pipefail

action=${1:?usage: redis.sh up|down|status}
: "${ESTATE_DIR:?}" "${ESTATE_PORT_BASE:?}"
dir=$ESTATE_DIR/redis
port=$((ESTATE_PORT_BASE + 79))
pidfile=$dir/redis.pid
envfile=$ESTATE_DIR/redis.env
start_cmd="setsid redis-server $dir/redis.conf"

# A killed daemon stays a zombie until PID 1 reaps it (which may be never).
alive() { [ -r "/proc/$1/stat" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]; }

running_pid() {
  [ -s "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = redis-server ] || return 1
  echo "$pid"
}

stop() {
  local pid
  if pid=$(running_pid); then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -KILL "$pid"
  fi
  rm -rf "$dir" "$envfile"
}

up() {
  command -v redis-server >/dev/null || { echo "estate redis: redis-server not found (scripts/setup installs it)" >&2; exit 1; }
  stop
  mkdir -p "$dir/data"
  cat > "$dir/redis.conf" <<CONF
# The test estate's redis-server (scripts/estate.d/redis.sh).
bind 127.0.0.1
port $port
daemonize yes
pidfile $pidfile
logfile $dir/redis.log
dir $dir/data
save ""
appendonly no
include $dir/kilter-*.conf
CONF
  $start_cmd
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
  done
  redis-cli -p "$port" ping | grep -q PONG || {
    echo "estate redis: redis-server did not start on $port" >&2
    tail -n 20 "$dir/redis.log" >&2 || true
    exit 1
  }
  cat > "$envfile" <<ENV
REDIS_PORT=$port
REDIS_CONF=$dir/redis.conf
REDIS_DIR=$dir
REDIS_PID_FILE=$pidfile
REDIS_START=$start_cmd
ENV
  echo "estate redis: redis-server on 127.0.0.1:$port"
}

case "$action" in
  up) up ;;
  down) stop ;;
  status)
    if running_pid >/dev/null; then echo "estate redis: up (127.0.0.1:$port)"; else echo "estate redis: down"; exit 1; fi
    ;;
  *) echo "usage: redis.sh up|down|status" >&2; exit 1 ;;
esac
