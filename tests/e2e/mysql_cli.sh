#!/usr/bin/env bash
# mysql.index through the real `kilter` binary against the estate's MariaDB
# with the OpenCart schema: the stdlib OpenCart profile plans as creates with
# the lock each table's ALTER takes, applies, then plans empty; an index
# dropped by hand is drift; removing the specs drops only kilter's indexes.
. "$(dirname "$0")/lib.sh"
load_env mariadb
sql() { mariadb --defaults-file="$MARIADB_DEFAULTS_FILE" -N -B "$MARIADB_DATABASE" -e "$1"; }
stock=$(sql "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
             AND INDEX_COMMENT NOT LIKE '%kilter:%'")

inventory local
cat >> "$specs/kilter.toml" <<TOML

[providers."mysql.index"]
client = "$MARIADB_CLIENT"
defaults_file = "$MARIADB_DEFAULTS_FILE"
TOML
cat > "$specs/database.kilt" <<KILT
import "profiles/opencart"

use opencart_indexes "shop" (host = box, database = "$MARIADB_DATABASE")
KILT

echo "== the OpenCart profile: plan, apply, plan empty"
run 2 "$KILTER" plan "$specs"
contains '+ mysql.index "shop.product_model" @ box'
contains 'MyISAM'
run 0 "$KILTER" apply "$specs" --auto-approve
run 0 "$KILTER" plan "$specs"
contains 'No changes.'
[ "$(sql "SHOW INDEX FROM oc_product WHERE Key_name = 'shop_product_model'" | wc -l)" = 1 ] ||
  fail "shop_product_model is not on oc_product"

echo "== an index dropped by hand is drift; apply puts it back"
sql "DROP INDEX shop_product_model ON oc_product"
run 2 "$KILTER" drift "$specs"
contains 'mysql.index "shop.product_model" @ box'
run 0 "$KILTER" apply "$specs" --auto-approve
run 0 "$KILTER" drift "$specs"

echo "== the specs emptied: kilter's indexes are dropped, the stock ones stay"
echo "# no indexes any more" > "$specs/database.kilt"
run 2 "$KILTER" plan "$specs"
contains '- mysql.index "shop.product_model" @ box'
run 0 "$KILTER" apply "$specs" --auto-approve
left=$(sql "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
            AND INDEX_COMMENT LIKE '%kilter:%'")
[ "$left" = 0 ] || fail "$left marked index columns left after the delete"
now=$(sql "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
           AND INDEX_COMMENT NOT LIKE '%kilter:%'")
[ "$now" = "$stock" ] || fail "stock index columns: $stock before, $now after"
echo "PASS"
