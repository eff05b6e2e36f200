# shellcheck shell=bash
# The plain scripts the benchmark times against kilter (sourced by run.sh):
# the same reads kilter's providers make, written as an admin would, as
# plain sh with every path spelled out. The SELECTs read the same tables
# and columns with the same WHERE as the providers' SQL
# (reconciler/providers/mysql_partitioning/live_table.cc,
# mysql_user/host_read.cc, mysql_encryption/host_state.cc), one statement
# per information_schema table instead of kilter's JSON_OBJECT rows.

plain_client="mariadb --defaults-file=$client_cnf --batch --raw --skip-column-names \
--default-character-set=utf8mb4 --connect-timeout=10"
record=$work/backup/log/kilter-backup-opencart-db.last

clock_sql() {
  echo "SELECT UNIX_TIMESTAMP(), TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW()), VARIABLE_VALUE \
FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'UPTIME';"
}

# table_sql TABLE: one line per statement, the four reads of one window's table.
table_sql() {
  local w="TABLE_SCHEMA = 'opencart' AND TABLE_NAME = '$1'"
  echo "SELECT TABLE_ROWS, DATA_LENGTH, INDEX_LENGTH FROM information_schema.TABLES WHERE $w;"
  echo "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE $w AND COLUMN_NAME = 'logged_at';"
  echo "SELECT PARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_DESCRIPTION, \
TABLE_ROWS, UPDATE_TIME FROM information_schema.PARTITIONS WHERE $w AND PARTITION_NAME IS NOT NULL \
ORDER BY PARTITION_ORDINAL_POSITION;"
  echo "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE $w AND NON_UNIQUE = 0 \
ORDER BY INDEX_NAME, SEQ_IN_INDEX;"
}

accounts_sql() {
  echo "SELECT User, Host, plugin, authentication_string, ssl_type, max_user_connections \
FROM mysql.user WHERE is_role = 'N' ORDER BY User, Host;"
}

# encryption_sql: one line per statement.
encryption_sql() {
  echo "SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'FILE_KEY_MANAGEMENT';"
  echo "SELECT LOWER(VARIABLE_NAME), GLOBAL_VALUE FROM information_schema.SYSTEM_VARIABLES \
WHERE LOWER(VARIABLE_NAME) IN ('file_key_management_filename', 'innodb_encrypt_tables', \
'innodb_encrypt_log', 'innodb_encrypt_temporary_tables', 'innodb_encryption_threads');"
  echo "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.ENGINE, t.CREATE_OPTIONS, \
IF(COUNT(e.NAME) < COUNT(*), 0, MIN(e.ENCRYPTION_SCHEME)), MIN(e.MIN_KEY_VERSION), \
MIN(e.CURRENT_KEY_VERSION), MAX(e.ROTATING_OR_FLUSHING) FROM information_schema.TABLES t \
JOIN information_schema.PARTITIONS p ON p.TABLE_SCHEMA = t.TABLE_SCHEMA AND p.TABLE_NAME = t.TABLE_NAME \
LEFT JOIN information_schema.INNODB_TABLESPACES_ENCRYPTION e ON e.NAME = CONCAT(t.TABLE_SCHEMA, '/', \
t.TABLE_NAME, IFNULL(CONCAT('#P#', p.PARTITION_NAME), ''), IFNULL(CONCAT('#SP#', p.SUBPARTITION_NAME), '')) \
WHERE t.TABLE_TYPE = 'BASE TABLE' AND t.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', \
'performance_schema', 'sys') GROUP BY t.TABLE_SCHEMA, t.TABLE_NAME, t.ENGINE, t.CREATE_OPTIONS \
ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME;"
}

# The files both sides read: the backup record (partitioning and backup
# policy), kilter's record of the accounts it made, the key's mode, owner
# and digest, the server's include directory, the backup's cron and job.
files_sh() {
  cat <<SH
cat $record $work/backup/log/kilter-backup-opencart-db.verified 2>/dev/null
cat $work/state/mysql.user.owned
stat -L -c '%a %U' $srv/keys/keyfile && sha256sum < $srv/keys/keyfile
cat $srv/conf.d/*.cnf
date +%s
cat $work/backup/cron/kilter-* $work/backup/jobs/kilter-backup-*.sh
SH
}

# plain_restic: what backup.policy asks restic on every plan: the
# repository's config once a backup ran, its snapshots, what forget would
# remove.
plain_restic() {
  local restic="restic -r $work/restic --password-file $work/restic.pass --no-lock"
  cat <<SH
export LC_ALL=C
if [ -f $work/restic/config ]; then
  [ ! -f $record ] || $restic cat config
  $restic snapshots --json --tag kilter:opencart-db
  $restic forget --dry-run --json --tag kilter:opencart-db --keep-daily 7 --keep-weekly 4 --keep-monthly 12
fi
SH
}

# plain_per_query: one client run per statement; SHOW GRANTS per account
# the account list returned.
plain_per_query() {
  local t
  echo "client=\"$plain_client\""
  {
    clock_sql
    for t in $log_tables; do table_sql "$t"; done
  } | sed "s/^/\$client -e \"/; s/\$/\"/"
  echo "\$client -e \"$(accounts_sql)\" |"
  cat <<'SH'
  while IFS="$(printf '\t')" read -r user host rest; do
    printf '%s\t%s\t%s\n' "$user" "$host" "$rest"
    $client -e "SHOW GRANTS FOR '$user'@'$host'"
  done
SH
  encryption_sql | sed "s/^/\$client -e \"/; s/\$/\"/"
  files_sh
  plain_restic
}

# plain_batched: as kilter: one client run for the windows, a list of
# statements piped into a second for the accounts, one for encryption.
plain_batched() {
  local t
  echo "client=\"$plain_client\""
  echo "\$client <<'SQL'"
  clock_sql
  for t in $log_tables; do table_sql "$t"; done
  echo "SQL"
  cat <<'SH'
$client -e "SELECT CONCAT('SELECT User, Host, plugin, authentication_string, ssl_type, \
max_user_connections FROM mysql.user WHERE User = ', QUOTE(User), ' AND Host = ', QUOTE(Host), \
'; SHOW GRANTS FOR ', QUOTE(User), '@', QUOTE(Host), ';') FROM mysql.user WHERE is_role = 'N' \
ORDER BY User, Host" | $client
SH
  echo "\$client <<'SQL'"
  encryption_sql
  echo "SQL"
  files_sh
  plain_restic
}
