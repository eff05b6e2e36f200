# shellcheck shell=bash
# A MariaDB of the test's own, for e2e tests that restart the server or
# change its accounts (the estate's MariaDB is shared). Sourced after lib.sh:
#
#   own_mariadb OFFSET [MYSQLD_LINES]
#
# installs a fresh data directory in $srv ($work/mariadb), writes $srv/my.cnf
# (its socket, 127.0.0.1 on ESTATE_PORT_BASE + OFFSET, MYSQLD_LINES at the end
# of [mysqld]) and $srv/client.cnf (root over the socket), and starts it. The
# server is stopped when the test exits. `sql TEXT` runs statements as root;
# `start` and `stop` start and stop the server, waiting for it;
# $srv/restart.sh is what a provider's restart_command runs to restart it;
# `load_opencart DB` creates DB with the OpenCart schema.
srv=$work/mariadb
pid=
cleanup() {
  [ -s "$srv/mariadbd.pid" ] && pid=$(cat "$srv/mariadbd.pid")
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && while [ -d "/proc/$pid" ]; do sleep 0.1; done
  rm -rf "$work"
}
trap cleanup EXIT

sql() { mariadb --defaults-file="$srv/client.cnf" -N -B -e "$1"; }

# start: the server with its option file, waiting until it answers.
start() {
  setsid mariadbd --defaults-file="$srv/my.cnf" </dev/null >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    [ -d "/proc/$pid" ] || { tail -20 "$srv/error.log" >&2; fail "mariadbd exited during start-up"; }
    mariadb-admin --defaults-file="$srv/client.cnf" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "mariadbd did not answer within 30 s"
}
stop() {
  pid=$(cat "$srv/mariadbd.pid")
  kill -TERM "$pid"
  while [ -d "/proc/$pid" ]; do sleep 0.1; done
  pid=
}

own_mariadb() {
  port=$((${ESTATE_PORT_BASE:?} + $1))
  mkdir -p "$srv/data"
  mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$srv/data" \
    --auth-root-authentication-method=normal --skip-test-db >"$srv/install.log" 2>&1 \
    || { cat "$srv/install.log" >&2; fail "mariadb-install-db failed"; }
  cat > "$srv/my.cnf" <<CNF
[mysqld]
user = $(id -un)
datadir = $srv/data
socket = $srv/mariadbd.sock
port = $port
bind-address = 127.0.0.1
log-error = $srv/error.log
pid-file = $srv/mariadbd.pid
skip-log-bin
innodb-flush-log-at-trx-commit = 0
${2:-}
CNF
  cat > "$srv/client.cnf" <<CNF
[client]
socket = $srv/mariadbd.sock
user = root
CNF
  # What a restart_command runs: the server stopped and started again, detached.
  cat > "$srv/restart.sh" <<SH
#!/bin/sh
pid=\$(cat "$srv/mariadbd.pid")
kill -TERM "\$pid"
while [ -d "/proc/\$pid" ]; do sleep 0.1; done
setsid mariadbd --defaults-file="$srv/my.cnf" </dev/null >/dev/null 2>&1 &
SH
  chmod +x "$srv/restart.sh"
  start
}

# load_opencart DB: DB created with OpenCart's schema, in the installer's
# session settings (scripts/estate.d/mariadb.sh).
load_opencart() {
  sql "CREATE DATABASE $1"
  mariadb --defaults-file="$srv/client.cnf" --default-character-set=utf8 \
    --init-command="SET SESSION sql_mode='NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'" \
    "$1" < "$(dirname "$0")/../data/opencart/opencart.sql" || fail "loading opencart.sql failed"
  [ "$(sql "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='$1'")" = 136 ] ||
    fail "opencart.sql did not load 136 tables"
}
