#!/usr/bin/env bash
# kilter import through the binary, over the local transport and over SSH,
# for every type with live state: objects made on the host by hand are
# imported, the specs written are formatted, `kilter check` is clean, the
# plan has nothing to do and apply changes nothing on the host (ownership is
# recorded only when kilter next writes); a password found live is written as
# env(), never as its value. Only the net.* parameters of a network
# namespace this script creates, files under its scratch root, the estate's
# databases and its redis-server (password put back to none) are touched.
. "$(dirname "$0")/lib.sh"
load_env mariadb
load_env redis
load_env php
load_env php-fpm
pool_file=$FPM_POOL_DIR/10-impshop.conf
ns=kimpe2e${ESTATE_PORT_BASE:?}
secret="import-e2e-$$"
redis_extra=$REDIS_DIR/kilter-zz-import.conf
rcli() { REDISCLI_AUTH=$secret redis-cli --no-auth-warning -p "$REDIS_PORT" "$@"; }
cleanup() {
  ip netns del "$ns" 2>/dev/null || true
  rm -f "$redis_extra"
  [ ! -e "$pool_file" ] || { rm -f "$pool_file"; "$FPM_RELOAD" || true; }
  rcli CONFIG SET requirepass "" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
sql() { mariadb --defaults-file="$MARIADB_DEFAULTS_FILE" -N -B "$MARIADB_DATABASE" -e "$1"; }

# roundtrip NAME IMPORT-ARGS...: imports into NAME.kilt, then proves the laws.
roundtrip() {
  local file=$specs/$1.kilt; shift
  run 0 "$KILTER" import "$specs" --host box -o "$file" "$@"
  [ -f "$file" ] || fail "kilter import $* wrote no $file"
  imported=$(cat "$file")
  run 0 "$KILTER" fmt --check "$specs"
  run 0 "$KILTER" check "$specs"
  lacks "warning["
  run 0 "$KILTER" plan "$specs"
  contains "No changes."
  run 0 "$KILTER" apply "$specs" --auto-approve
  run 0 "$KILTER" plan "$specs"
  contains "No changes."
}

# has_line REGEX: a line of the last imported file matches REGEX whole.
has_line() { grep -qxE -- "$1" <<<"$imported" || { printf '%s\n' "$imported" >&2; fail "import lacks a line: $1"; }; }

# has TEXT: the last imported file holds TEXT.
has() { grep -qF -- "$1" <<<"$imported" || { printf '%s\n' "$imported" >&2; fail "import lacks: $1"; }; }

for transport in local ssh; do
  echo "== $transport"
  ip netns del "$ns" 2>/dev/null || true
  ip netns add "$ns"
  rm -rf "$root"/* "$specs"/* "$state"/*
  mkdir -p "$root/etc/sysctl.d" "$root/usr/lib/sysctl.d" "$root/app"
  php_host=$root/php
  "$PHP_NEW_HOST" "$php_host"
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers.sysctl]
dir = "$root/etc/sysctl.d"
search_dirs = ["$root/etc/sysctl.d", "$root/usr/lib/sysctl.d"]
command_prefix = "ip netns exec $ns"

[providers."php.opcache"]
ini_dir = "$php_host/conf.d"
php = "$php_host/bin/php"
reload = "$php_host/bin/reload"

[providers."php.fpm_pool"]
pool_dir = "$FPM_POOL_DIR"
conf = "$FPM_CONF"
fpm = "$FPM_BIN"
pid_file = "$FPM_PID_FILE"
reload = "$FPM_RELOAD"

[providers."mysql.index"]
client = "$MARIADB_CLIENT"
defaults_file = "$MARIADB_DEFAULTS_FILE"
TOML

  echo "-- sysctl"
  printf 'net.core.somaxconn = 2048\nnet.ipv4.ip_local_port_range = 20000\t60000\n' \
    > "$root/usr/lib/sysctl.d/50-net.conf"
  ip netns exec "$ns" sysctl -q -w net.core.somaxconn=2048 'net.ipv4.ip_local_port_range=20000 60000'
  roundtrip kernel --type sysctl --key 'net.*'
  has 'sysctl "50-net" on box {'
  has '"net.core.somaxconn"           = 2048'
  has '"net.ipv4.ip_local_port_range" = "20000 60000"'
  [ -z "$(ls "$root/etc/sysctl.d")" ] || fail "import or apply wrote into sysctl.d: $(ls "$root/etc/sysctl.d")"
  run 1 "$KILTER" import "$specs" --host box --type sysctl --key net.core.somaxconn -o "$specs/again.kilt"
  contains "box: no live sysctl to import that matches the filters"

  echo "-- file"
  printf 'listen = 8080\nname = "${shop}" \\ $x\n' > "$root/app/app.conf"
  chmod 0640 "$root/app/app.conf"
  printf 'one\n' > "$root/app/other.conf"
  roundtrip files --type file --path "$root/app"
  has "file \"$root/app/app.conf\" on box {"
  has 'content = "listen = 8080\nname = \"\${shop}\" \\ $x\n"'
  has 'mode    = "0640"'
  [ ! -e "$state/files.manifest" ] || fail "import or apply recorded files in the manifest"
  printf 'changed\n' > "$root/app/other.conf"
  run 2 "$KILTER" plan "$specs"
  contains "~ file \"$root/app/other.conf\" @ box"
  printf 'one\n' > "$root/app/other.conf"

  echo "-- mysql.index"
  sql "CREATE INDEX import_probe ON oc_product_to_store (store_id) COMMENT 'hand-made'"
  roundtrip indexes --type mysql.index --database "$MARIADB_DATABASE" --table oc_product_to_store
  has 'mysql.index "oc_product_to_store.import_probe" on box {'
  has 'comment  = "hand-made"'
  [ "$(sql "SELECT INDEX_COMMENT FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
            AND INDEX_NAME = 'import_probe'")" = hand-made ] || fail "the adopted index was changed"
  rm "$specs/indexes.kilt"
  sql "DROP INDEX import_probe ON oc_product_to_store"

  echo "-- php.opcache"
  printf 'opcache.memory_consumption=192\nopcache.validate_timestamps=0\n' > "$php_host/conf.d/20-shop.ini"
  roundtrip opcache --type php.opcache
  has_line '  memory_consumption += 192MiB'
  has_line '  validate_timestamps += false'
  [ -z "$(ls "$php_host/conf.d" | grep kilter)" ] || fail "import or apply wrote a kilter ini file"
  [ ! -s "$php_host/reloads.log" ] || fail "apply reloaded php-fpm"
  rm "$specs/opcache.kilt"

  echo "-- php.fpm_pool"
  cat > "$pool_file" <<POOL
[impshop]
listen = 127.0.0.1:$FPM_PORT
user = www-data
group = www-data
pm = dynamic
pm.max_children = 4
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 3
pm.max_requests = 500
request_terminate_timeout = 30s
php_admin_value[memory_limit] = 64M
php_admin_value[upload_max_filesize] = 8M
POOL
  "$FPM_RELOAD"
  roundtrip pools --type php.fpm_pool --pool impshop
  has 'php.fpm_pool "impshop" on box {'
  has_line '  request_terminate_timeout += 30s'
  has_line '  memory_limit += 64MiB'
  has_line '  php_admin_value += \{ upload_max_filesize = "8M" \}'
  [ -z "$(ls "$FPM_POOL_DIR" | grep kilter)" ] || fail "import or apply wrote a kilter pool file"
  rm "$specs/pools.kilt" "$pool_file"
  "$FPM_RELOAD"

  echo "-- redis.server"
  # A password persisted in a config file kilter does not own, and live.
  printf 'requirepass %s\n' "$secret" > "$redis_extra"
  redis-cli -p "$REDIS_PORT" CONFIG SET requirepass "$secret" >/dev/null
  export KILTER_IMPORT_REDIS_PASS=$secret
  roundtrip cache --type redis.server --address "127.0.0.1:$REDIS_PORT" \
    --config-file "$REDIS_CONF" --password-env KILTER_IMPORT_REDIS_PASS
  has 'redis.server "main" on box {'
  has 'requirepass = env("KILTER_IMPORT_REDIS_PASS")'
  has 'save        = []'
  ! grep -qF "$secret" "$specs/cache.kilt" || fail "the imported specs hold the password"
  [ ! -e "$REDIS_DIR/kilter-main.conf" ] || fail "import or apply wrote kilter-main.conf"
  rm "$specs/cache.kilt" "$redis_extra"
  rcli CONFIG SET requirepass "" >/dev/null
done
echo "import e2e: ok"
