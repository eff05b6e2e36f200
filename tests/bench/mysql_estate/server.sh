# shellcheck shell=bash
# The benchmark's own MariaDB (sourced by run.sh, which sets $srv and $work):
# a fresh data directory, an option file with `!includedir conf.d` (where
# mysql.encryption writes its own), 127.0.0.1 on ESTATE_PORT_BASE+39.

client_cnf=$srv/client.cnf
sql() { mariadb --defaults-file="$client_cnf" -N -B -e "$1"; }

start_mariadbd() {
  setsid mariadbd --defaults-file="$srv/my.cnf" </dev/null >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do
    [ -d "/proc/$pid" ] || { tail -20 "$srv/error.log" >&2; echo "bench: mariadbd exited" >&2; exit 1; }
    mariadb-admin --defaults-file="$client_cnf" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: mariadbd did not answer within 30 s" >&2
  exit 1
}

stop_server() {
  local pid
  pid=$(cat "$srv/mariadbd.pid")
  kill -TERM "$pid"
  while [ -d "/proc/$pid" ]; do sleep 0.1; done
}

start_server() {
  mkdir -p "$srv/data" "$srv/conf.d" "$srv/keys"
  mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$srv/data" \
    --auth-root-authentication-method=normal --skip-test-db >"$srv/install.log" 2>&1 ||
    { cat "$srv/install.log" >&2; echo "bench: mariadb-install-db failed" >&2; exit 1; }
  cat > "$srv/my.cnf" <<CNF
[mysqld]
user = $(id -un)
datadir = $srv/data
socket = $srv/mariadbd.sock
port = $((ESTATE_PORT_BASE + 39))
bind-address = 127.0.0.1
log-error = $srv/error.log
pid-file = $srv/mariadbd.pid
skip-log-bin
innodb-flush-log-at-trx-commit = 0

!includedir $srv/conf.d
CNF
  printf '[client]\nsocket = %s\nuser = root\n' "$srv/mariadbd.sock" > "$client_cnf"
  # mysql.encryption's restart_command: stop, then start with the same file.
  cat > "$work/restart.sh" <<SH
#!/bin/sh
pid=\$(cat "$srv/mariadbd.pid")
kill -TERM "\$pid"
while [ -d "/proc/\$pid" ]; do sleep 0.1; done
setsid mariadbd --defaults-file="$srv/my.cnf" </dev/null >/dev/null 2>&1 &
SH
  chmod +x "$work/restart.sh"
  start_mariadbd
}

# load_opencart: OpenCart 3.0's schema with its installer's session settings
# (scripts/estate.d/mariadb.sh): 136 tables, 134 of them MyISAM.
load_opencart() {
  sql "CREATE DATABASE opencart"
  mariadb --defaults-file="$client_cnf" --default-character-set=utf8 \
    --init-command="SET SESSION sql_mode='NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'" \
    opencart < "$root/tests/data/opencart/opencart.sql" ||
    { echo "bench: loading opencart.sql failed" >&2; exit 1; }
}

# The 5 append-mostly tables the windows partition, by their date column.
log_tables="oc_marketplace_sync_log oc_api_request_log oc_order_status_log oc_stock_movement_log oc_price_change_log"

# make_log_tables: each a row every 6 hours for 18 months up to the
# benchmark's day, its primary key including the date (as partitioning needs).
make_log_tables() {
  local t
  for t in $log_tables; do
    sql "USE opencart; CREATE TABLE $t (
           log_id BIGINT NOT NULL AUTO_INCREMENT,
           logged_at DATETIME NOT NULL,
           channel VARCHAR(32) NOT NULL,
           status VARCHAR(16) NOT NULL,
           PRIMARY KEY (log_id, logged_at),
           KEY channel_logged (channel, logged_at)
         ) ENGINE=InnoDB;
         INSERT INTO $t (logged_at, channel, status)
           SELECT CURDATE() - INTERVAL 540 DAY + INTERVAL (seq * 6) HOUR,
                  ELT(1 + seq % 3, 'amazon', 'ebay', 'etsy'), 'ok'
           FROM seq_0_to_2159"
  done
}
