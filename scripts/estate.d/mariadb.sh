#!/usr/bin/env bash
# scripts/estate.d/mariadb.sh up|down|status
#
# A private MariaDB server for the test estate: its own data directory under
# $ESTATE_DIR/mariadb, listening on 127.0.0.1:$((ESTATE_PORT_BASE+33)) and a
# socket of its own, with the OpenCart 3.0.3.8 schema loaded into database
# `opencart` using the session settings of OpenCart's installer (see
# $KILTER_CORPUS/opencart/SOURCE.md). Writes:
#   $ESTATE_DIR/mariadb/kilter.cnf  option file of the `kilter` user (host, port, user, password)
#   $ESTATE_DIR/mariadb/root.cnf    option file of the server's root (socket), for test set-up
#   $ESTATE_DIR/mariadb.env         KEY=VALUE lines for tests
# Stops only the server it started (pid file).
set -euo pipefail

action=${1:?usage: mariadb.sh up|down|status}
: "${ESTATE_DIR:?}" "${ESTATE_PORT_BASE:?}"
corpus=${KILTER_CORPUS:-$(cd "$(dirname "$0")/../.." && pwd)/tests/data}
dir=$ESTATE_DIR/mariadb
port=$((ESTATE_PORT_BASE + 33))
pidfile=$dir/mariadbd.pid
socket=$dir/mariadbd.sock
log=$dir/mariadbd.log
envfile=$ESTATE_DIR/mariadb.env

fail() {
  echo "estate mariadb: $*" >&2
  [ -f "$log" ] && { echo "--- last lines of $log:" >&2; tail -n 20 "$log" >&2; }
  kill_server
  exit 1
}

# The pid of the server this script started, if it still runs.
running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = mariadbd ] || return 1
  echo "$pid"
}

kill_server() {
  local pid
  if pid=$(running_pid); then
    kill -TERM "$pid"
    for _ in $(seq 1 300); do
      [ -d "/proc/$pid" ] || break
      sleep 0.1
    done
    if [ -d "/proc/$pid" ]; then
      kill -KILL "$pid"
      sleep 0.2
    fi
  fi
}

stop() {
  kill_server
  rm -rf "$dir" "$envfile"
}

root_sql() {
  mariadb --defaults-file="$dir/root.cnf" "$@"
}

up() {
  command -v mariadbd >/dev/null || fail "mariadbd not found (scripts/setup installs mariadb-server)"
  [ -r "$corpus/opencart/opencart.sql" ] || fail "no OpenCart schema at $corpus/opencart/opencart.sql"
  stop
  mkdir -p "$dir/data" "$dir/tmp"
  local user
  user=$(id -un)
  mariadb-install-db --no-defaults --user="$user" --datadir="$dir/data" \
    --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
    >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; fail "mariadb-install-db failed"; }

  # setsid: the server outlives this script (ctest runs fixtures as separate tests).
  # A throw-away test server needs no durability: without fsync a schema load
  # takes 1 s instead of 12 s on a busy disk.
  setsid mariadbd --no-defaults --user="$user" --datadir="$dir/data" --tmpdir="$dir/tmp" \
    --bind-address=127.0.0.1 --port="$port" --socket="$socket" --pid-file="$dir/server.pid" \
    --skip-name-resolve --skip-log-bin --innodb-buffer-pool-size=128M \
    --innodb-log-file-size=48M --innodb-flush-log-at-trx-commit=0 --skip-innodb-doublewrite \
    --debug-no-sync --skip-sync-frm --log-error="$log" </dev/null >/dev/null 2>&1 &
  echo $! >"$pidfile"

  cat >"$dir/root.cnf" <<EOF
[client]
socket=$socket
user=root
EOF
  chmod 600 "$dir/root.cnf"
  local ok=""
  for _ in $(seq 1 300); do
    running_pid >/dev/null || fail "mariadbd exited during start-up"
    if mariadb-admin --defaults-file="$dir/root.cnf" ping >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.1
  done
  [ -n "$ok" ] || { fail "mariadbd did not answer on $socket within 30 s"; }

  # The kilter user: everything on the OpenCart databases (tests load their own
  # copies as opencart_*) and on kilter's scratch schemas for plan-time proofs.
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  root_sql <<EOF || fail "creating the kilter user failed"
CREATE USER 'kilter'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER 'kilter'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON \`opencart%\`.* TO 'kilter'@'127.0.0.1', 'kilter'@'localhost';
GRANT ALL PRIVILEGES ON \`kilter\\_scratch\\_%\`.* TO 'kilter'@'127.0.0.1', 'kilter'@'localhost';
GRANT PROCESS ON *.* TO 'kilter'@'127.0.0.1', 'kilter'@'localhost';
CREATE DATABASE opencart;
EOF
  cat >"$dir/kilter.cnf" <<EOF
[client]
host=127.0.0.1
port=$port
user=kilter
password=$password
EOF
  chmod 600 "$dir/kilter.cnf"

  # OpenCart's installer session settings: strict mode rejects the stock
  # oc_event rows (SOURCE.md), and the schema is utf8 (utf8mb3).
  mariadb --defaults-file="$dir/root.cnf" --default-character-set=utf8 \
    --init-command="SET SESSION sql_mode='NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'" \
    opencart <"$corpus/opencart/opencart.sql" >"$dir/load.log" 2>&1 ||
    { cat "$dir/load.log" >&2; fail "loading opencart.sql failed"; }
  local tables
  tables=$(root_sql -N -B -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='opencart'")
  [ "$tables" = 136 ] || fail "opencart.sql loaded $tables tables, expected 136"
  # The kilter user must reach the server over TCP exactly as the tests will.
  mariadb --defaults-file="$dir/kilter.cnf" -N -B -e "SELECT 1" opencart >/dev/null ||
    fail "the kilter user cannot log in over 127.0.0.1:$port"

  cat >"$envfile" <<EOF
MARIADB_HOST=127.0.0.1
MARIADB_PORT=$port
MARIADB_SOCKET=$socket
MARIADB_DATABASE=opencart
MARIADB_CLIENT=mariadb
MARIADB_DEFAULTS_FILE=$dir/kilter.cnf
MARIADB_ROOT_DEFAULTS_FILE=$dir/root.cnf
MARIADB_CORPUS_SQL=$corpus/opencart/opencart.sql
MARIADB_VERSION=$(root_sql -N -B -e "SELECT VERSION()")
EOF
  echo "estate mariadb: up on 127.0.0.1:$port (opencart: $tables tables)"
}

case "$action" in
  up) up ;;
  down) stop; echo "estate mariadb: down" ;;
  status)
    if pid=$(running_pid) && mariadb-admin --defaults-file="$dir/root.cnf" ping >/dev/null 2>&1; then
      echo "mariadb: up (pid $pid, 127.0.0.1:$port)"
    else
      echo "mariadb: down"; exit 1
    fi ;;
  *) echo "usage: mariadb.sh up|down|status" >&2; exit 1 ;;
esac
