#!/usr/bin/env bash
# tests/bench/mysql/run.sh: mysql.index benchmarks on the test estate's MariaDB.
#
#   ESTATE_DIR=... BUILD_DIR=build tests/bench/mysql/run.sh [OUT_DIR]
#
# Needs `scripts/estate up mariadb` and a build with mysql_index_tool. Writes
# to OUT_DIR (default $ESTATE_DIR/bench-mysql):
#   explain-before.md, explain-after.md  EXPLAIN and timings of queries.sql on
#                                        shop-sized data (generate.sql), before
#                                        and after applying the OpenCart profile
#   batch.md                             hyperfine: 20 index changes on one table
#                                        of 100,000 rows as one ALTER vs 20 ALTERs
#   noop-plan.md                         hyperfine: a plan of the whole profile
#                                        when nothing is left to do
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
: "${ESTATE_DIR:?}"
build=${BUILD_DIR:-$root/build}
out=${1:-$ESTATE_DIR/bench-mysql}
tool=$build/tests/bench/mysql/mysql_index_tool
[ -x "$tool" ] || { echo "run.sh: build mysql_index_tool first" >&2; exit 1; }
# shellcheck disable=SC1091
source "$ESTATE_DIR/mariadb.env"
mkdir -p "$out"
db=opencart_bench
root_sql() { mariadb --defaults-file="$MARIADB_ROOT_DEFAULTS_FILE" "$@"; }

echo "== loading the OpenCart schema and generating shop-sized data into $db"
root_sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
root_sql --default-character-set=utf8 \
  --init-command="SET SESSION sql_mode='NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'" \
  "$db" <"$MARIADB_CORPUS_SQL"
root_sql "$db" <"$here/generate.sql" >/dev/null

# The catalog the compiler makes of `use opencart_indexes "shop" (host = db1,
# database = "opencart_bench")`, from the profile's own text.
catalog=$out/profile.catalog.json
awk -v db="$db" -v defaults="$MARIADB_DEFAULTS_FILE" '
  /mysql.index "/ { split($0, q, "\""); name = q[2] }
  /table *=/ { split($0, q, "\""); table = q[2]; sub(/\$\{prefix\}/, "oc_", table) }
  /columns *=/ {
    cols = $0; sub(/^[^[]*/, "", cols)
    res[n++] = sprintf("{\"type\":\"mysql.index\",\"name\":\"shop.%s\",\"host\":\"db1\",\"field_types\":{},\"sensitive\":[],\"after\":[],\"fields\":{\"database\":\"%s\",\"table\":\"%s\",\"name\":\"\",\"columns\":%s,\"unique\":false,\"type\":\"BTREE\",\"comment\":\"\",\"ignored\":false},\"source\":{\"file\":\"stdlib/profiles/opencart.kilt\",\"line\":%d,\"col\":3}}", name, db, table, cols, NR)
  }
  END {
    printf "{\"version\":1,\"hosts\":[{\"name\":\"db1\",\"address\":\"127.0.0.1\",\"user\":\"\",\"port\":22,\"identity\":\"\",\"transport\":\"local\",\"providers\":{\"mysql.index\":{\"defaults_file\":\"%s\"}}}],\"resources\":[", defaults
    for (i = 0; i < n; i++) printf "%s%s", (i ? "," : ""), res[i]
    print "],\"known_hosts\":\"\",\"suppressions\":[],\"params\":{}}"
  }' "$root/stdlib/profiles/opencart.kilt" >"$catalog"

echo "== EXPLAIN before"
"$here/explain.sh" "$MARIADB_ROOT_DEFAULTS_FILE" "$db" >"$out/explain-before.md"
echo "== applying the profile"
/usr/bin/time -f "apply of the whole profile: %e s wall" "$tool" apply "$catalog" 2>&1 |
  tee "$out/apply.txt"
echo "== EXPLAIN after"
"$here/explain.sh" "$MARIADB_ROOT_DEFAULTS_FILE" "$db" >"$out/explain-after.md"

echo "== no-op plan of the whole profile"
"$tool" plan "$catalog" >/dev/null  # exits 0: nothing left to do
hyperfine --warmup 2 --runs 20 --export-markdown "$out/noop-plan.md" \
  "$tool plan $catalog"

echo "== 20 index changes on one table of 100,000 rows: one ALTER vs 20 ALTERs"
columns=(invoice_no store_id customer_group_id firstname lastname email telephone
  payment_country_id payment_zone_id shipping_country_id shipping_zone_id total affiliate_id
  marketing_id language_id currency_id currency_code ip date_added tracking)
[ "$(root_sql -N -B "$db" -e 'SELECT COUNT(*) FROM oc_order')" = 100000 ]
batched="ALTER TABLE $db.oc_order"
single=""
drop="ALTER TABLE $db.oc_order"
sep=""
for c in "${columns[@]}"; do
  batched+="$sep ADD INDEX bench_$c ($c)"
  single+="ALTER TABLE $db.oc_order ADD INDEX bench_$c ($c), ALGORITHM=COPY, LOCK=SHARED;"$'\n'
  drop+="$sep DROP INDEX IF EXISTS bench_$c"
  sep=","
done
batched+=", ALGORITHM=COPY, LOCK=SHARED;"
printf '%s\n' "$batched" >"$out/batched.sql"
printf '%s' "$single" >"$out/single.sql"
printf '%s;\n' "$drop" >"$out/drop.sql"
client="mariadb --defaults-file=$MARIADB_ROOT_DEFAULTS_FILE"
hyperfine --runs 3 --prepare "$client <$out/drop.sql" --export-markdown "$out/batch.md" \
  -n "one ALTER with 20 ADD INDEX (MyISAM)" "$client <$out/batched.sql" \
  -n "20 ALTERs of one ADD INDEX (MyISAM)" "$client <$out/single.sql"
root_sql <"$out/drop.sql"
echo "== results in $out"
