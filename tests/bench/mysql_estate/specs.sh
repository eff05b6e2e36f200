# shellcheck shell=bash
# The benchmark's inventory and specs (sourced by run.sh): one host "db"
# reached locally or over the estate's sshd, one spec-writing function per
# resource type.

inventory() {  # inventory local|ssh
  if [ "$1" = ssh ]; then
    cat <<TOML
[hosts.db]
address = "$SSH_HOST"
port = $SSH_PORT
user = "$SSH_USER"
identity = "$SSH_IDENTITY"

[ssh]
known_hosts = "$SSH_KNOWN_HOSTS"
TOML
  else
    printf '[hosts.db]\ntransport = "local"\n'
  fi
  cat <<TOML

[providers.kilter]
state_dir = "$work/state"

[providers."mysql.partitioning"]
defaults_file = "$client_cnf"

[providers."mysql.user"]
defaults_file = "$client_cnf"

[providers."mysql.encryption"]
defaults_file = "$client_cnf"
config_file = "$srv/my.cnf"
include_dir = "$srv/conf.d"
key_path = "$srv/keys/keyfile"
key_owner = "$(id -un)"
restart_command = "$work/restart.sh"
encrypt_timeout = 300

[providers."backup.policy"]
cron_dir = "$work/backup/cron"
job_dir = "$work/backup/jobs"
log_dir = "$work/backup/log"
scratch_dir = "$work/backup/scratch"
defaults_file = "$client_cnf"
TOML
}

spec_backup() {
  cat <<KILT
backup.policy "opencart-db" on db {
  source        = { mysql = "opencart" }
  repository    = "$work/restic"
  password_file = "$work/restic.pass"
  schedule      = "30 2 * * *"
  keep          = { daily = 7, weekly = 4, monthly = 12 }
  user          = "$(id -un)"
}
KILT
}

spec_partitioning() {
  local t
  for t in $log_tables; do
    cat <<KILT

mysql.partitioning "${t#oc_}" on db {
  database   = "opencart"
  table      = "$t"
  column     = "logged_at"
  interval   = "month"
  keep       = 12
  ahead      = 3
  covered_by = "opencart-db"
}
KILT
  done
}

# Ten accounts of a shop's services, each with its own grants.
user_grants=(
  '"SELECT, INSERT, UPDATE, DELETE ON opencart.*"'
  '"SELECT ON opencart.*"'
  '"SELECT, INSERT, UPDATE ON opencart.oc_product", "SELECT ON opencart.oc_category"'
  '"SELECT, INSERT, UPDATE ON opencart.oc_order", "SELECT, INSERT ON opencart.oc_order_history"'
  '"SELECT, INSERT ON opencart.oc_marketplace_sync_log"'
  '"SELECT, INSERT ON opencart.oc_api_request_log", "SELECT ON opencart.oc_api"'
  '"SELECT, LOCK TABLES, SHOW VIEW, EVENT, TRIGGER ON opencart.*"'
  '"SELECT, UPDATE ON opencart.oc_product", "SELECT, INSERT ON opencart.oc_stock_movement_log"'
  '"SELECT ON opencart.oc_customer", "SELECT ON opencart.oc_address"'
  '"SELECT, INSERT ON opencart.oc_price_change_log", "SELECT ON opencart.oc_product_special"'
)

spec_users() {
  local i
  for i in $(seq 1 10); do
    cat <<KILT

mysql.user "user-$i" on db {
  user     = "bench_user_$i"
  host     = "localhost"
  password = env("BENCH_DB_PASSWORD_$i")
  grants   = [${user_grants[$((i - 1))]}]
}
KILT
  done
}

# spec_encryption: every table, the partitioned log tables with them (one
# tablespace per partition).
spec_encryption() {
  cat <<KILT

mysql.encryption "opencart" on db {
  key_file          = env("OPENCART_DB_KEY")
  tables            = "all"
  convert_to_innodb = true
  restart           = "allowed"
}
KILT
}

specs() {
  spec_backup
  spec_partitioning
  spec_users
  spec_encryption
}
