#!/usr/bin/env bash
# Test estate service "php": a PHP host kilter's php.opcache provider manages,
# built from the real php-cli the way PHP-FPM is set up on Debian: its own
# php.ini, its own scan directory (conf.d/, where kilter writes its ini files)
# with Zend OPcache loaded by 10-opcache.ini, a `php` command that runs PHP on
# exactly that configuration, and a `reload` command that appends a line to
# reloads.log so tests can count handler runs.
#
# `$ESTATE_DIR/php/new-host DIR` makes another such host in DIR, so each test
# gets a configuration of its own. php.env names the default host's parts:
#   PHP_DIR, PHP_INI_DIR, PHP_COMMAND, PHP_RELOAD, PHP_RELOAD_LOG, PHP_NEW_HOST
set -euo pipefail
dir=$ESTATE_DIR/php

php_bin() {
  command -v php8.2 || command -v php || { echo "estate php: php-cli is not installed" >&2; exit 1; }
}

# The script that builds a host directory; kept as a file so tests can call it.
write_new_host() {
  local bin
  bin=$(php_bin)
  mkdir -p "$dir"
  cat > "$dir/new-host" <<SCRIPT
#!/usr/bin/env bash
# new-host DIR: a fresh PHP test host in DIR (conf.d/, php.ini, bin/php, bin/reload).
set -euo pipefail
host=\${1:?usage: new-host DIR}
mkdir -p "\$host/conf.d" "\$host/bin"
host=\$(cd "\$host" && pwd)
rm -f "\$host"/conf.d/*.ini "\$host/reloads.log"
printf '; php.ini of a kilter test host\nerror_reporting = E_ALL\n' > "\$host/php.ini"
# php-cli starts opcache only with enable_cli; FPM needs no such line.
printf 'zend_extension=opcache.so\nopcache.enable_cli=1\n' > "\$host/conf.d/10-opcache.ini"
cat > "\$host/bin/php" <<WRAPPER
#!/bin/sh
# The test host's PHP: its php.ini and its scan directory only, as FPM's are.
PHP_INI_SCAN_DIR=\$host/conf.d exec $bin -c \$host/php.ini "\\\$@"
WRAPPER
cat > "\$host/bin/reload" <<RELOAD
#!/bin/sh
# Stands in for \\\`systemctl reload php8.2-fpm\\\`: one line per reload.
echo reload >> \$host/reloads.log
RELOAD
chmod +x "\$host/bin/php" "\$host/bin/reload"
SCRIPT
  chmod +x "$dir/new-host"
}

case "$1" in
  up)
    write_new_host
    "$dir/new-host" "$dir/host"
    # Fail loudly when this PHP cannot load opcache: every php test needs it.
    if ! out=$("$dir/host/bin/php" -r 'echo extension_loaded("Zend OPcache") ? "yes" : "no";' 2>&1) ||
        [ "$out" != yes ]; then
      echo "estate php: Zend OPcache does not load with $(php_bin): $out" >&2
      exit 1
    fi
    cat > "$ESTATE_DIR/php.env" <<ENV
PHP_DIR=$dir/host
PHP_INI_DIR=$dir/host/conf.d
PHP_COMMAND=$dir/host/bin/php
PHP_RELOAD=$dir/host/bin/reload
PHP_RELOAD_LOG=$dir/host/reloads.log
PHP_NEW_HOST=$dir/new-host
ENV
    echo "estate php: up ($dir/host, $("$dir/host/bin/php" -r 'echo PHP_VERSION;'))"
    ;;
  down)
    rm -rf "$dir" "$ESTATE_DIR/php.env"
    echo "estate php: down"
    ;;
  status)
    if [ -x "$dir/host/bin/php" ] && "$dir/host/bin/php" -r 'exit(0);'; then
      echo "estate php: up ($dir/host)"
    else
      echo "estate php: down"
      exit 1
    fi
    ;;
  *) echo "usage: php.sh up|down|status" >&2; exit 1 ;;
esac
