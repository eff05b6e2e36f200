#!/usr/bin/env bash
# php.opcache's handler, checked on the host before anything is written: a
# reload command whose program the host lacks, or a `systemctl` reload on a
# host where systemd is not PID 1, fails `plan` and `apply` with what to set
# instead, and no ini file is written; `reload = ""` (a host that runs PHP
# from the CLI only) applies with no handler at all. Real PHP of the estate's
# recipe, local transport. kilter runs in a mount namespace whose
# /run/systemd is empty, so "systemd is not running" holds on any machine.
. "$(dirname "$0")/lib.sh"
load_env php
php_host=$work/php
"$PHP_NEW_HOST" "$php_host"
ini=$php_host/conf.d/90-kilter-shop.ini

inventory local
settings() {  # settings RELOAD
  inventory local
  cat >> "$specs/kilter.toml" <<TOML

[providers."php.opcache"]
ini_dir = "$php_host/conf.d"
php = "$php_host/bin/php"
reload = "$1"
TOML
}
cat > "$specs/php.kilt" <<'KILT'
php.opcache "shop" on box {
  memory_consumption = 192MiB
}
KILT
# no_systemd CMD...: CMD where /run/systemd holds nothing, as on a host
# whose init is not systemd.
no_systemd() {
  unshare -m sh -c 'mkdir -p /run/systemd && mount -t tmpfs none /run/systemd && exec "$@"' sh "$@"
}

echo "== a systemctl reload on a host without systemd fails plan and apply; nothing is written"
settings "systemctl reload php8.2-fpm"
run 1 no_systemd "$KILTER" plan "$specs"
contains 'box: handler php-fpm cannot run: `systemctl reload php8.2-fpm` needs systemd, and systemd is not running on box (PID 1 is'
contains 'Set [hosts.box.providers."php.opcache"] reload in kilter.toml to a command that works without systemd'
contains 'or to "" where nothing needs reloading'
run 1 no_systemd "$KILTER" apply "$specs" --auto-approve
contains 'handler php-fpm cannot run'
[ ! -e "$ini" ] || fail "apply wrote $ini although its handler cannot run"

echo "== a reload whose program is missing fails the plan, naming the program"
settings "kilter-no-such-reload --graceful"
run 1 "$KILTER" plan "$specs"
contains 'box: handler php-fpm cannot run: `kilter-no-such-reload` is not a command on box (the handler runs `kilter-no-such-reload --graceful`).'
run 1 "$KILTER" apply "$specs" --auto-approve
[ ! -e "$ini" ] || fail "apply wrote $ini although its handler cannot run"

echo "== reload = \"\": no handler; apply writes the ini, then nothing is left to do"
settings ""
run 2 no_systemd "$KILTER" plan "$specs"
contains '+ php.opcache "shop" @ box'
lacks 'handler'
run 0 no_systemd "$KILTER" apply "$specs" --auto-approve
[ -e "$ini" ] || fail "apply did not write $ini"
[ "$("$php_host/bin/php" -r "echo ini_get('opcache.memory_consumption');")" = 192 ] ||
  fail "PHP does not see the new memory_consumption"
[ ! -e "$php_host/reloads.log" ] || [ ! -s "$php_host/reloads.log" ] || fail "something reloaded php-fpm"
run 0 "$KILTER" plan "$specs"
contains 'No changes.'

echo "== a reload that can run passes the check and runs once"
settings "$php_host/bin/reload"
cat > "$specs/php.kilt" <<'KILT'
php.opcache "shop" on box {
  memory_consumption = 256MiB
}
KILT
run 2 no_systemd "$KILTER" plan "$specs"
contains "handler php-fpm: $php_host/bin/reload"
contains 'memory_consumption: 192MiB → 256MiB'
run 0 no_systemd "$KILTER" apply "$specs" --auto-approve
[ "$(wc -l < "$php_host/reloads.log")" = 1 ] || fail "php-fpm was not reloaded once"
echo "PASS"
