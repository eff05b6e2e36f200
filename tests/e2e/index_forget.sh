#!/usr/bin/env bash
# A provider whose service is gone: mysql.index applied on the estate's
# MariaDB, then its option file pointed at a closed port (the server removed).
# plan names the host's provider index, the indexes it expects and the way
# out; `kilter forget` refuses while a spec declares mysql.index on the host,
# and once the specs drop it, takes mysql.index out of the index: plan exits 0.
. "$(dirname "$0")/lib.sh"
load_env mariadb
db=opencart_forget
root_sql() { mariadb --defaults-file="$MARIADB_ROOT_DEFAULTS_FILE" -N -B "$@"; }
root_sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db;
             CREATE TABLE $db.oc_order (order_id INT PRIMARY KEY, date_added DATETIME);"
trap 'root_sql -e "DROP DATABASE IF EXISTS $db"; rm -rf "$work"' EXIT
cnf=$work/kilter.cnf
cp "$MARIADB_DEFAULTS_FILE" "$cnf"

inventory local
cat >> "$specs/kilter.toml" <<TOML

[providers."mysql.index"]
client = "$MARIADB_CLIENT"
defaults_file = "$cnf"
databases = ["$db"]
TOML
cat > "$specs/database.kilt" <<KILT
mysql.index "order_date" on box {
  database = "$db"
  table    = "oc_order"
  columns  = ["date_added"]
}
KILT

echo "== applied: mysql.index is in the host's provider index"
run 0 "$KILTER" apply "$specs" --auto-approve
grep -qx 'mysql.index' "$state/providers" || fail "mysql.index is not in $state/providers"

echo "== the server gone: plan names the index, what it expects, and the way out"
closed_port=$(free_port)
sed -i "s/^port=.*/port=$closed_port/" "$cnf"
run 1 "$KILTER" plan "$specs"
contains 'cannot reach the server'
contains "the provider index of box ($state/providers) lists mysql.index"
contains 'kilter expects to find mysql.index "order_date" there'
contains 'kilter forget box mysql.index'

echo "== forget refuses while a spec declares mysql.index on the host, naming it"
run 1 "$KILTER" forget box mysql.index "$specs" --auto-approve
contains "$specs/database.kilt:1:1: mysql.index \"order_date\" @ box"
grep -qx 'mysql.index' "$state/providers" || fail "a refused forget changed the index"

echo "== the specs drop it: plan still looks, because of the index"
echo "# the database server was removed" > "$specs/database.kilt"
run 1 "$KILTER" plan "$specs"
contains 'no spec declares it there any more'

echo "== forget without a terminal needs --auto-approve"
run 1 "$KILTER" forget box mysql.index "$specs" </dev/null
contains '--auto-approve'

echo "== forget, then plan exits 0"
run 0 "$KILTER" forget box mysql.index "$specs" --auto-approve
contains "box: mysql.index taken out of the provider index ($state/providers)"
! grep -qx 'mysql.index' "$state/providers" || fail "mysql.index is still in the index"
run 0 "$KILTER" plan "$specs"
contains 'No changes.'
echo "PASS"
