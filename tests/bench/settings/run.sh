#!/usr/bin/env bash
# No-op plan benchmark of runtime settings on one local host: a redis.server
# with 30 settings and a mysql.server with 50 server variables, all applied
# already, against a plain shell script doing the same reads: redis-cli
# CONFIG GET *, one SHOW GLOBAL VARIABLES, and a cat of the configuration
# files each server loads at start. Both are timed by hyperfine in the same
# run; prints the ratio, then what `kilter plan --timings` says.
#
#   tests/bench/settings/run.sh        (BUILD_DIR defaults to build,
#                                        KILTER to $BUILD_DIR/kilter)
#
# Starts the estate's redis (unless it is up) and a MariaDB server of its own
# (an option file with !includedir, as Debian's, on ESTATE_PORT_BASE+34), and
# stops what it started.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=$(realpath -m "${BUILD_DIR:-$root/build}")
export ESTATE_DIR=$(realpath -m "${ESTATE_DIR:-$build/bench-estate}")
export ESTATE_PORT_BASE=${ESTATE_PORT_BASE:-20000}
kilter=${KILTER:-$build/kilter}
[ -x "$kilter" ] || { echo "bench: build kilter first (scripts/build)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (scripts/setup)" >&2; exit 1; }

started=()
if ! "$root/scripts/estate" status redis >/dev/null 2>&1; then
  "$root/scripts/estate" up redis >/dev/null
  started+=(redis)
fi
while IFS='=' read -r key value; do
  [ -n "$key" ] && export "$key=$value"
done < "$ESTATE_DIR/redis.env"

work=$(mktemp -d)
srv=$work/mariadb
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    while [ -d "/proc/$pid" ]; do sleep 0.1; done
  fi
  rm -rf "$work"
  if ((${#started[@]} > 0)); then "$root/scripts/estate" down "${started[@]}" >/dev/null; fi
}
trap cleanup EXIT

mkdir -p "$srv/data" "$srv/conf.d" "$work/specs" "$work/state"
mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$srv/data" \
  --auth-root-authentication-method=normal --skip-test-db >"$srv/install.log" 2>&1 \
  || { cat "$srv/install.log" >&2; exit 1; }
cat > "$srv/my.cnf" <<CNF
[mysqld]
user = $(id -un)
datadir = $srv/data
socket = $srv/mariadbd.sock
port = $((ESTATE_PORT_BASE + 34))
bind-address = 127.0.0.1
log-error = $srv/error.log
skip-log-bin

!includedir $srv/conf.d
CNF
printf '[client]\nsocket = %s\nuser = root\n' "$srv/mariadbd.sock" > "$srv/client.cnf"
setsid mariadbd --defaults-file="$srv/my.cnf" </dev/null >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  mariadb-admin --defaults-file="$srv/client.cnf" ping >/dev/null 2>&1 && break
  [ -d "/proc/$pid" ] || { tail "$srv/error.log" >&2; exit 1; }
  sleep 0.1
done

# 50 dynamic server variables, declared with the values the server has now.
variables="max_connections wait_timeout interactive_timeout long_query_time slow_query_log
tmp_table_size max_heap_table_size table_open_cache thread_cache_size max_allowed_packet
net_read_timeout net_write_timeout net_retry_count connect_timeout max_connect_errors
sort_buffer_size join_buffer_size read_buffer_size read_rnd_buffer_size bulk_insert_buffer_size
max_sort_length group_concat_max_len max_length_for_sort_data max_seeks_for_key max_error_count
lock_wait_timeout innodb_lock_wait_timeout innodb_flush_log_at_trx_commit innodb_io_capacity
innodb_max_dirty_pages_pct innodb_stats_persistent innodb_stats_auto_recalc
innodb_autoextend_increment innodb_old_blocks_time innodb_old_blocks_pct innodb_lru_scan_depth
innodb_print_all_deadlocks innodb_strict_mode div_precision_increment eq_range_index_dive_limit
flush_time histogram_size min_examined_row_limit optimizer_search_depth query_alloc_block_size
query_prealloc_size slow_launch_time table_definition_cache max_prepared_stmt_count
max_sp_recursion_depth"
in_list=$(for v in $variables; do printf "'%s'," "$v"; done)
declared=$(mariadb --defaults-file="$srv/client.cnf" -N -B -e "
  SELECT CONCAT('    \"', LOWER(VARIABLE_NAME), '\" = ',
    CASE WHEN VARIABLE_TYPE = 'BOOLEAN' THEN IF(GLOBAL_VALUE = 'ON', 'true', 'false')
         WHEN VARIABLE_TYPE LIKE '%INT%' THEN GLOBAL_VALUE
         ELSE CONCAT('\"', GLOBAL_VALUE, '\"') END)
  FROM information_schema.SYSTEM_VARIABLES
  WHERE LOWER(VARIABLE_NAME) IN (${in_list%,}) ORDER BY VARIABLE_NAME")
[ "$(wc -l <<<"$declared")" = 50 ] || { echo "bench: expected 50 variables, got: $declared" >&2; exit 1; }

# 30 Redis settings: four typed fields and 26 parameters, at their values now.
parameters="hz dynamic-hz lazyfree-lazy-eviction lazyfree-lazy-expire lazyfree-lazy-server-del
lazyfree-lazy-user-del lazyfree-lazy-user-flush replica-lazy-flush activerehashing
active-expire-effort maxmemory-samples maxmemory-eviction-tenacity lfu-log-factor lfu-decay-time
hash-max-listpack-entries hash-max-listpack-value list-max-listpack-size list-compress-depth
set-max-intset-entries zset-max-listpack-entries zset-max-listpack-value hll-sparse-max-bytes
stream-node-max-bytes stream-node-max-entries slowlog-log-slower-than slowlog-max-len"
redis_params=$(for p in $parameters; do
  printf '    "%s" = "%s"\n' "$p" "$(redis-cli -p "$REDIS_PORT" --raw CONFIG GET "$p" | sed -n 2p)"
done)
[ "$(wc -l <<<"$redis_params")" = 26 ] || { echo "bench: expected 26 parameters" >&2; exit 1; }

cat > "$work/specs/kilter.toml" <<TOML
[hosts.box]
transport = "local"

[providers.kilter]
state_dir = "$work/state"

[providers."mysql.server"]
defaults_file = "$srv/client.cnf"
config_file = "$srv/my.cnf"
include_dir = "$srv/conf.d"
TOML
cat > "$work/specs/settings.kilt" <<KILT
mysql.server "bench" on box {
  variables = {
$declared
  }
}

redis.server "cache" on box {
  address          = "127.0.0.1:$REDIS_PORT"
  config_file      = "$REDIS_CONF"
  maxmemory        = 256MiB
  maxmemory_policy = "allkeys-lru"
  timeout          = 300s
  tcp_keepalive    = 60s
  parameters       = {
$redis_params
  }
}
KILT

"$kilter" apply "$work/specs" --auto-approve >/dev/null
"$kilter" plan "$work/specs" >/dev/null || { "$kilter" plan "$work/specs" >&2; echo "bench: the plan is not empty" >&2; exit 1; }

cat > "$work/plain.sh" <<SH
redis-cli -p $REDIS_PORT CONFIG GET '*'
cat $REDIS_CONF $(dirname "$REDIS_CONF")/kilter-*.conf
mariadb --defaults-file=$srv/client.cnf -N -B -e 'SHOW GLOBAL VARIABLES'
cat $srv/my.cnf $srv/conf.d/*.cnf
SH

hyperfine -N --warmup 3 --min-runs 30 --export-json "$work/results.json" \
  -n "kilter plan (no-op: 30 Redis settings, 50 MariaDB variables)" "$kilter plan $work/specs" \
  -n "plain script: CONFIG GET *, SHOW GLOBAL VARIABLES, cat of the config files" \
  "/bin/sh $work/plain.sh"
python3 - "$work/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
kilter, plain = r[0]["mean"], r[1]["mean"]
print(f"kilter {kilter*1000:.1f} ms, plain {plain*1000:.1f} ms, ratio {kilter/plain:.2f}x")
PY
echo
"$kilter" plan --timings "$work/specs" 2>&1 >/dev/null | sed -n '/timings (ms)/,$p'
