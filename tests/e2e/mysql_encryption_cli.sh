#!/usr/bin/env bash
# mysql.encryption through the kilter binary, over the local transport and
# over SSH, against a MariaDB 10.11 of its own holding the OpenCart schema
# (134 of its 136 tables MyISAM): check; with restart = "never" apply writes
# the key file (0600) and kilter's option file and the plugin is restart
# pending, the tables waiting for it; with restart = "allowed", plan -o and
# apply of the saved plan restarts the server
# through restart_command after its config check, converts the MyISAM tables
# and waits for the encryption threads; then every OpenCart table reports
# encrypted in INNODB_TABLESPACES_ENCRYPTION (a partitioned table in each of
# its partitions) and a plan is empty. A table
# created by hand with ENCRYPTED=NO is drift naming it, and apply encrypts
# it. A key the plugin would not load fails the plan without showing it. The
# key is in no output, no saved plan and no file of kilter's state.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/own_mariadb.sh"

hex=$(openssl rand -hex 32)
export OPENCART_DB_KEY="1;$hex"
outputs=$work/outputs.log
# Every kilter output goes to $outputs too, for the secret check at the end.
krun() { run "$@"; printf '%s\n' "$out" >> "$outputs"; }

fresh_server() {
  [ -s "$srv/mariadbd.pid" ] && stop
  rm -rf "$srv/data" "$srv/conf.d" "$srv/keys"
  mkdir -p "$srv/conf.d" "$srv/keys"
  own_mariadb 37 "!includedir $srv/conf.d"
  load_opencart opencart
  # A partitioned sync log: one tablespace per partition, each encrypted.
  sql "CREATE TABLE opencart.oc_sync_log (id INT NOT NULL, at DATE NOT NULL, PRIMARY KEY (id, at))
       ENGINE=InnoDB PARTITION BY RANGE (TO_DAYS(at)) (
         PARTITION p2026 VALUES LESS THAN (TO_DAYS('2027-01-01')),
         PARTITION p2027 VALUES LESS THAN (TO_DAYS('2028-01-01')),
         PARTITION pmax VALUES LESS THAN MAXVALUE)"
}

# unencrypted: the tablespaces of OpenCart tables (and of each partition)
# INNODB_TABLESPACES_ENCRYPTION does not report encrypted.
unencrypted() {
  sql "SELECT COUNT(*) FROM information_schema.PARTITIONS p
       JOIN information_schema.TABLES t USING (TABLE_SCHEMA, TABLE_NAME)
       LEFT JOIN information_schema.INNODB_TABLESPACES_ENCRYPTION e
         ON e.NAME = CONCAT(p.TABLE_SCHEMA, '/', p.TABLE_NAME, IFNULL(CONCAT('#P#', p.PARTITION_NAME), ''))
       WHERE p.TABLE_SCHEMA = 'opencart'
         AND NOT IFNULL(t.ENGINE = 'InnoDB' AND e.ENCRYPTION_SCHEME = 1 AND e.MIN_KEY_VERSION > 0, 0)"
}

for transport in local ssh; do
  echo "== $transport"
  fresh_server
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers."mysql.encryption"]
defaults_file = "$srv/client.cnf"
config_file = "$srv/my.cnf"
include_dir = "$srv/conf.d"
key_path = "$srv/keys/keyfile"
key_owner = "$(id -un)"
restart_command = "$srv/restart.sh"
encrypt_timeout = 120
TOML
  cat > "$specs/db.kilt" <<'KILT'
mysql.encryption "opencart" on box {
  key_file          = env("OPENCART_DB_KEY")
  tables            = "all"
  convert_to_innodb = true
}
KILT

  # restart = "never": apply writes the files, the plugin is restart pending.
  krun 0 "$KILTER" check "$specs"
  krun 2 "$KILTER" plan "$specs" --format json
  krun 2 "$KILTER" plan "$specs" --format markdown
  krun 2 "$KILTER" plan "$specs"
  contains '+ mysql.encryption "opencart" @ box'
  contains "write $srv/keys/keyfile (mode 0600, owner $(id -un))"
  lacks "restart the MariaDB server"
  krun 0 "$KILTER" apply "$specs" --auto-approve
  [ "$(stat -c %a "$srv/keys/keyfile")" = 600 ] || fail "the key file is not 0600"
  [ "$(cat "$srv/keys/keyfile")" = "$OPENCART_DB_KEY" ] || fail "the key file is not the declared key"
  krun 2 "$KILTER" drift "$specs"
  contains "restart pending"
  contains "opencart.oc_product is not encrypted: it waits for the server restart that loads file_key_management"

  # restart = "allowed": the saved plan restarts the server and encrypts.
  sed -i 's/^  convert_to_innodb = true$/&\n  restart           = "allowed"/' "$specs/db.kilt"
  krun 2 "$KILTER" plan "$specs" -o "$work/plan.json"
  contains "restart the MariaDB server: \`$srv/restart.sh\`"
  contains 'ALTER TABLE `opencart`.`oc_product` ENGINE=InnoDB ENCRYPTED=YES'
  old_pid=$(cat "$srv/mariadbd.pid")
  krun 0 "$KILTER" apply "$work/plan.json" --auto-approve
  [ "$(cat "$srv/mariadbd.pid")" != "$old_pid" ] || fail "apply did not restart the server"
  [ "$(sql "SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME='FILE_KEY_MANAGEMENT'")" = ACTIVE ] ||
    fail "file_key_management is not loaded"
  [ "$(sql 'SELECT @@global.innodb_encrypt_log')" = 1 ] || fail "the redo log is not encrypted"
  [ "$(unencrypted)" = 0 ] || fail "$(unencrypted) OpenCart tables are not encrypted after apply"
  krun 0 "$KILTER" plan "$specs"
  contains "No changes."

  sql "CREATE TABLE opencart.oc_hand (id INT PRIMARY KEY) ENGINE=InnoDB ENCRYPTED=NO"
  krun 2 "$KILTER" drift "$specs" --format json
  contains "opencart.oc_hand"
  krun 2 "$KILTER" drift "$specs"
  contains "opencart.oc_hand is not encrypted: it was created or altered ENCRYPTED=NO"
  krun 0 "$KILTER" apply "$specs" --auto-approve
  [ "$(unencrypted)" = 0 ] || fail "oc_hand is not encrypted after apply"
  krun 0 "$KILTER" drift "$specs"

  # A key the plugin would not load: the plan fails, naming the line, not the key.
  OPENCART_DB_KEY="1;not-a-key-$hex" krun 1 "$KILTER" plan "$specs"
  contains "key_file: line 1 of the key is not \`ID;HEX\`"
  ! grep -rqF "$hex" "$outputs" "$work/plan.json" "$state" "$srv/conf.d" "${XDG_STATE_HOME:-$HOME/.local/state}/kilter" 2>/dev/null ||
    fail "the key appears in an output, the saved plan, kilter's state or kilter's option file"
done
[ -s "$outputs" ] || fail "no output was recorded"
echo "mysql.encryption e2e: ok"
