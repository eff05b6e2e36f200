#!/usr/bin/env bash
# mysql.server through the kilter binary, over the local transport and over
# SSH, against a MariaDB server of its own started with an option file that
# includes a directory (as Debian's does): check, plan, apply, plan empty;
# a hand SET GLOBAL is drift "changed by hand"; a hand edit of kilter's file
# is drift "lost when the server restarts"; after killing and restarting the
# server the declared values are live (they were persisted); a restart-only
# variable is restart pending until the restart and quiet after it, and with
# restart = "allowed" apply restarts the server for it; an option file the
# server refuses fails the config check, putting kilter's file and the live
# values back; a file read after kilter's that sets a variable is named; a
# value the server would truncate and an unknown variable fail at plan with
# nothing changed. Last, `kilter import` of the server's variables: the specs
# it writes check clean and plan with nothing to do, and apply writes no file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/own_mariadb.sh"
mkdir -p "$srv/conf.d"
own_mariadb 34 "max_connections = 151

!includedir $srv/conf.d"

for transport in local ssh; do
  rm -f "$srv"/conf.d/kilter-*.cnf
  sql "SET GLOBAL max_connections = 151; SET GLOBAL slow_query_log = OFF;
       SET GLOBAL long_query_time = 10; SET GLOBAL wait_timeout = 28800"
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers."mysql.server"]
defaults_file = "$srv/client.cnf"
config_file = "$srv/my.cnf"
include_dir = "$srv/conf.d"
restart_command = "$srv/restart.sh"
TOML
  cat > "$specs/db.kilt" <<KILT
mysql.server "opencart" on box {
  max_connections         = 300
  innodb_buffer_pool_size = 128MiB
  slow_query_log          = true
  long_query_time         = 30ms
  wait_timeout            = 10m
  variables               = { "query_cache_type" = "off" }
}
KILT

  run 0 "$KILTER" check "$specs"
  run 2 "$KILTER" plan "$specs"
  contains '+ mysql.server "opencart" @ box'
  contains "SET GLOBAL max_connections = 300"
  lacks "SET GLOBAL innodb_buffer_pool_size"
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ "$(sql 'SELECT @@global.max_connections')" = 300 ] || fail "max_connections not set live"
  [ "$(sql 'SELECT @@global.long_query_time')" = 0.030000 ] || fail "long_query_time not set live"
  grep -qx 'max_connections = 300' "$srv/conf.d/kilter-opencart.cnf" || fail "not persisted"
  run 0 "$KILTER" plan "$specs"
  contains "No changes."

  sql "SET GLOBAL max_connections = 200"
  run 2 "$KILTER" drift "$specs"
  contains "max_connections is 200 live, but the declared 300 is persisted: changed by hand"
  run 0 "$KILTER" apply "$specs" --auto-approve

  sed -i 's/^wait_timeout = 600$/wait_timeout = 900/' "$srv/conf.d/kilter-opencart.cnf"
  run 2 "$KILTER" drift "$specs"
  contains "wait_timeout: the declared 10m is live but lost when the server restarts"
  run 0 "$KILTER" apply "$specs" --auto-approve
  run 0 "$KILTER" plan "$specs"

  # The proof that apply persisted: a server that starts afresh from its
  # option files runs with the declared values.
  stop
  start
  [ "$(sql 'SELECT @@global.max_connections')" = 300 ] || fail "max_connections lost at restart"
  [ "$(sql 'SELECT @@global.slow_query_log')" = 1 ] || fail "slow_query_log lost at restart"
  run 0 "$KILTER" plan "$specs"

  # back_log only changes at start: restart pending until the server restarts.
  sed -i 's/^  variables               = { "query_cache_type" = "off" }$/  variables               = { "query_cache_type" = "off", "back_log" = 120 }/' "$specs/db.kilt"
  run 2 "$KILTER" plan "$specs"
  run 0 "$KILTER" apply "$specs" --auto-approve
  grep -qx 'back_log = 120' "$srv/conf.d/kilter-opencart.cnf" || fail "back_log not persisted"
  run 2 "$KILTER" drift "$specs"
  contains "restart"
  stop
  start
  [ "$(sql 'SELECT @@global.back_log')" = 120 ] || fail "back_log not live after the restart"
  run 0 "$KILTER" drift "$specs"

  # restart = "allowed": apply restarts the server, once its config check passes.
  sed -i 's/"back_log" = 120/"back_log" = 130/' "$specs/db.kilt"
  sed -i 's/^  max_connections         = 300$/  restart                 = "allowed"\n  max_connections         = 300/' "$specs/db.kilt"
  run 2 "$KILTER" plan "$specs"
  contains "it takes effect only when the server restarts, and apply restarts the MariaDB server (restart = \"allowed\") once its config check passes"
  contains "restart the MariaDB server: \`$srv/restart.sh\`, once the config check passes (\`mariadbd --defaults-file=$srv/my.cnf --help --verbose\`)"
  old_pid=$(cat "$srv/mariadbd.pid")
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ "$(cat "$srv/mariadbd.pid")" != "$old_pid" ] || fail "apply did not restart the server"
  [ "$(sql 'SELECT @@global.back_log')" = 130 ] || fail "back_log not live after kilter's restart"
  [ "$(sql 'SELECT @@global.max_connections')" = 300 ] || fail "max_connections lost at kilter's restart"
  run 0 "$KILTER" plan "$specs"

  # A file the server reads after kilter's that sets a declared variable.
  printf '[mysqld]\nmax_connections = 200\n' > "$srv/conf.d/zz-local.cnf"
  run 2 "$KILTER" drift "$specs"
  contains "max_connections persists as 200 from $srv/conf.d/zz-local.cnf, a file kilter does not own that is read after kilter's"
  rm "$srv/conf.d/zz-local.cnf"

  # An option file the server would refuse at its next start fails the check.
  printf '[mysqld]\nno_such_option = 1\n' > "$srv/conf.d/zz-hand.cnf"
  before=$(cat "$srv/conf.d/kilter-opencart.cnf")
  sed -i 's/^  max_connections         = 300$/  max_connections         = 250/' "$specs/db.kilt"
  run 1 "$KILTER" apply "$specs" --auto-approve
  contains "unknown variable 'no_such_option=1'; the files were put back; the previous live values were restored"
  [ "$(cat "$srv/conf.d/kilter-opencart.cnf")" = "$before" ] || fail "a failed check left kilter's file changed"
  [ "$(sql 'SELECT @@global.max_connections')" = 300 ] || fail "a failed check left max_connections changed"
  rm "$srv/conf.d/zz-hand.cnf"
  sed -i 's/^  max_connections         = 250$/  max_connections         = 300/; s/"back_log" = 130/"back_log" = 120/' "$specs/db.kilt"

  # What the server would not take fails the plan, naming the spec, changing nothing.
  before=$(cat "$srv/conf.d/kilter-opencart.cnf")
  sed -i 's/^  max_connections         = 300$/  max_connections         = 5/' "$specs/db.kilt"
  run 1 "$KILTER" apply "$specs" --auto-approve
  contains "max_connections = 5 is outside what the server accepts (10..100000)"
  contains "db.kilt:1:1"
  [ "$(cat "$srv/conf.d/kilter-opencart.cnf")" = "$before" ] || fail "a refused plan changed the file"
  [ "$(sql 'SELECT @@global.max_connections')" = 300 ] || fail "a refused plan changed the server"
  sed -i 's/^  max_connections         = 5$/  max_connections         = 300/' "$specs/db.kilt"
  sed -i 's/"back_log" = 120/"no_such_variable" = 1/' "$specs/db.kilt"
  run 1 "$KILTER" plan "$specs"
  contains "has no variable no_such_variable"
done

rm -f "$srv"/conf.d/kilter-*.cnf
sql "SET GLOBAL max_connections = 151; SET GLOBAL slow_query_log = OFF"
for transport in local ssh; do
  echo "== import over $transport"
  rm -rf "${specs:?}"/*
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers."mysql.server"]
defaults_file = "$srv/client.cnf"
config_file = "$srv/my.cnf"
include_dir = "$srv/conf.d"
TOML
  run 0 "$KILTER" import "$specs" --host box --type mysql.server --variable max_connections \
    --variable innodb_flush_log_at_trx_commit --variable slow_query_log -o "$specs/server.kilt"
  grep -qx '  max_connections                = 151' "$specs/server.kilt" ||
    { cat "$specs/server.kilt" >&2; fail "the import lacks max_connections = 151"; }
  grep -qx '  slow_query_log                 = false' "$specs/server.kilt" ||
    { cat "$specs/server.kilt" >&2; fail "the import lacks slow_query_log = false"; }
  grep -q "no option file sets it" "$specs/server.kilt" ||
    { cat "$specs/server.kilt" >&2; fail "slow_query_log, set by no option file, has no comment"; }
  # slow_query_log is persisted nowhere: the plan persists it, nothing else.
  run 0 "$KILTER" fmt --check "$specs"
  run 0 "$KILTER" check "$specs"
  run 2 "$KILTER" plan "$specs"
  contains "write $srv/conf.d/kilter-server.cnf"
  lacks "SET GLOBAL"
  sed -i '/slow_query_log/d; /no option file sets it/d; /kilter persists it/d' "$specs/server.kilt"
  run 0 "$KILTER" plan "$specs"
  contains "No changes."
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ -z "$(ls "$srv/conf.d")" ] || fail "import or apply wrote into conf.d: $(ls "$srv/conf.d")"
done
echo "mysql.server e2e: ok"
