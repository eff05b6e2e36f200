#!/usr/bin/env bash
# Test estate service "php-fpm": a real PHP-FPM 8.2 master (php8.2-fpm), not
# the system service: its own php-fpm.conf including its own pool directory
# (where kilter writes its pool files), its own pid file and log, and a base
# pool "estate" on 127.0.0.1:BASE+91 (FPM refuses to start without a pool).
# Pools the tests declare listen on BASE+90.
#
# php-fpm.env names its parts for tests:
#   FPM_DIR, FPM_CONF, FPM_POOL_DIR, FPM_PID_FILE, FPM_BIN, FPM_PORT,
#   FPM_START (starts the master), FPM_STOP (stops it and waits),
#   FPM_RELOAD (SIGUSR2, waits until FPM is ready again: the handler)
set -euo pipefail
dir=$ESTATE_DIR/php-fpm
port=$((ESTATE_PORT_BASE + 90))
base_port=$((ESTATE_PORT_BASE + 91))
bin=$(command -v php-fpm8.2 || true)

write_files() {
  mkdir -p "$dir/pool.d" "$dir/bin"
  rm -f "$dir"/pool.d/kilter-*.conf
  cat > "$dir/php-fpm.conf" <<CONF
; php-fpm.conf of the kilter test estate
[global]
pid = $dir/fpm.pid
error_log = $dir/fpm.log
daemonize = yes
include=$dir/pool.d/*.conf
CONF
  cat > "$dir/pool.d/00-estate.conf" <<POOL
[estate]
user = www-data
group = www-data
listen = 127.0.0.1:$base_port
pm = static
pm.max_children = 1
POOL
  cat > "$dir/bin/start" <<SH
#!/bin/sh
# Starts the master; fails when it does not come up.
$bin -y $dir/php-fpm.conf || exit 1
i=0
until [ -s $dir/fpm.pid ] && [ -d /proc/\$(cat $dir/fpm.pid) ]; do
  i=\$((i+1)); [ \$i -lt 50 ] || { echo "php-fpm did not start" >&2; tail -5 $dir/fpm.log >&2; exit 1; }
  sleep 0.1
done
SH
  cat > "$dir/bin/stop" <<SH
#!/bin/sh
# Stops the master this estate started (its pid file) and waits for it.
[ -s $dir/fpm.pid ] || exit 0
p=\$(cat $dir/fpm.pid)
kill "\$p" 2>/dev/null || exit 0
while [ -d /proc/"\$p" ]; do sleep 0.1; done
rm -f $dir/fpm.pid
SH
  cat > "$dir/bin/reload" <<SH
#!/bin/sh
# Stands in for \`systemctl reload php8.2-fpm\` (SIGUSR2), but waits until
# the master has loaded the configuration again, so a test can read it.
n=\$(grep -c 'ready to handle connections' $dir/fpm.log || true)
kill -USR2 "\$(cat $dir/fpm.pid)" || exit 1
i=0
until [ "\$(grep -c 'ready to handle connections' $dir/fpm.log || true)" -gt "\$n" ]; do
  i=\$((i+1)); [ \$i -lt 100 ] || { echo "php-fpm did not reload" >&2; tail -5 $dir/fpm.log >&2; exit 1; }
  sleep 0.1
done
SH
  chmod +x "$dir/bin/start" "$dir/bin/stop" "$dir/bin/reload"
}

case "$1" in
  up)
    [ -n "$bin" ] || { echo "estate php-fpm: php-fpm8.2 is not installed (scripts/setup)" >&2; exit 1; }
    [ ! -x "$dir/bin/stop" ] || "$dir/bin/stop"
    write_files
    "$dir/bin/start"
    cat > "$ESTATE_DIR/php-fpm.env" <<ENV
FPM_DIR=$dir
FPM_CONF=$dir/php-fpm.conf
FPM_POOL_DIR=$dir/pool.d
FPM_PID_FILE=$dir/fpm.pid
FPM_BIN=$bin
FPM_PORT=$port
FPM_START=$dir/bin/start
FPM_STOP=$dir/bin/stop
FPM_RELOAD=$dir/bin/reload
ENV
    echo "estate php-fpm: up (pid $(cat "$dir/fpm.pid"), $dir)"
    ;;
  down)
    [ ! -x "$dir/bin/stop" ] || "$dir/bin/stop"
    rm -rf "$dir" "$ESTATE_DIR/php-fpm.env"
    echo "estate php-fpm: down"
    ;;
  status)
    if [ -s "$dir/fpm.pid" ] && [ -d "/proc/$(cat "$dir/fpm.pid")" ]; then
      echo "estate php-fpm: up (pid $(cat "$dir/fpm.pid"))"
    else
      echo "estate php-fpm: down"
      exit 1
    fi
    ;;
  *) echo "usage: php-fpm.sh up|down|status" >&2; exit 1 ;;
esac
