#!/usr/bin/env bash
# tests/bench/mysql/run.sh: mysql.index benchmarks on the test estate's MariaDB.
#
#   ESTATE_DIR=... BUILD_DIR=build tests/bench/mysql/run.sh [OUT_DIR]
#
# Needs `scripts/estate up mariadb` and a build of kilter. Writes
# to OUT_DIR (default $ESTATE_DIR/bench-mysql):
#   explain-before.md, explain-after.md  EXPLAIN and timings of queries.sql on
#                                        shop-sized data (generate.sql), before
#                                        and after applying the OpenCart profile
#   batch.md                             hyperfine: 20 index changes on one table
#                                        of 100,000 rows: `kilter apply` (one
#                                        ALTER) vs 20 ALTERs by the client
#   noop-plan.md                         hyperfine: a plan of the whole profile
#                                        when nothing is left to do
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
: "${ESTATE_DIR:?}"
export ESTATE_DIR=$(realpath -m "$ESTATE_DIR")
build=$(realpath -m "${BUILD_DIR:-$root/build}")
out=${1:-$ESTATE_DIR/bench-mysql}
kilter=$build/kilter
[ -x "$kilter" ] || { echo "run.sh: build kilter first (scripts/build)" >&2; exit 1; }
while IFS='=' read -r key value; do
  [ -n "$key" ] && export "$key=$value"
done <"$ESTATE_DIR/mariadb.env"
mkdir -p "$out"
db=opencart_bench
root_sql() { mariadb --defaults-file="$MARIADB_ROOT_DEFAULTS_FILE" "$@"; }

echo "== loading the OpenCart schema and generating shop-sized data into $db"
root_sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
root_sql --default-character-set=utf8 \
  --init-command="SET SESSION sql_mode='NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'" \
  "$db" <"$MARIADB_CORPUS_SQL"
root_sql "$db" <"$here/generate.sql" >/dev/null

# The specs: the OpenCart profile on this machine's database, through the
# real kilter binary (local transport, the estate's option file).
specs=$out/specs
rm -rf "$specs" "$out/batch-specs"
mkdir -p "$specs" "$out/batch-specs" "$out/state"
inventory() {
  cat <<TOML
[hosts.db1]
transport = "local"

[providers.kilter]
state_dir = "$out/state"

[providers."mysql.index"]
client = "$MARIADB_CLIENT"
defaults_file = "$MARIADB_DEFAULTS_FILE"
TOML
}
inventory >"$specs/kilter.toml"
cat >"$specs/profile.kilt" <<KILT
import "profiles/opencart"

use opencart_indexes "shop" (host = db1, database = "$db")
KILT

echo "== EXPLAIN before"
"$here/explain.sh" "$MARIADB_ROOT_DEFAULTS_FILE" "$db" >"$out/explain-before.md"
echo "== applying the profile"
/usr/bin/time -f "apply of the whole profile: %e s wall" "$kilter" apply "$specs" --auto-approve 2>&1 |
  tail -n 2 | tee "$out/apply.txt"
echo "== EXPLAIN after"
"$here/explain.sh" "$MARIADB_ROOT_DEFAULTS_FILE" "$db" >"$out/explain-after.md"

echo "== no-op plan of the whole profile"
"$kilter" plan "$specs" >/dev/null 2>&1 || { echo "run.sh: the plan after apply is not empty" >&2; exit 1; }
hyperfine --warmup 2 --runs 20 --export-markdown "$out/noop-plan.md" \
  -n "kilter plan (OpenCart profile, nothing to do)" "$kilter plan $specs"

echo "== 20 index changes on one table of 100,000 rows: kilter's one ALTER vs 20 ALTERs"
columns=(invoice_no store_id customer_group_id firstname lastname email telephone
  payment_country_id payment_zone_id shipping_country_id shipping_zone_id total affiliate_id
  marketing_id language_id currency_id currency_code ip date_added tracking)
[ "$(root_sql -N -B "$db" -e 'SELECT COUNT(*) FROM oc_order')" = 100000 ]
# The profile stays declared, so the apply adds the 20 indexes and nothing else.
inventory >"$out/batch-specs/kilter.toml"
cp "$specs/profile.kilt" "$out/batch-specs/"
list=$(printf '"%s", ' "${columns[@]}")
cat >"$out/batch-specs/bench.kilt" <<KILT
for c in [${list%, }] {
  mysql.index "bench_\${c}" on db1 {
    database = "$db"
    table    = "oc_order"
    columns  = [c]
  }
}
KILT
"$kilter" check "$out/batch-specs" >/dev/null
single=""
drop="ALTER TABLE $db.oc_order"
sep=""
for c in "${columns[@]}"; do
  single+="ALTER TABLE $db.oc_order ADD INDEX bench_$c ($c), ALGORITHM=COPY, LOCK=SHARED;"$'\n'
  drop+="$sep DROP INDEX IF EXISTS bench_$c"
  sep=","
done
printf '%s' "$single" >"$out/single.sql"
printf '%s;\n' "$drop" >"$out/drop.sql"
client="mariadb --defaults-file=$MARIADB_ROOT_DEFAULTS_FILE"
"$kilter" plan "$out/batch-specs" >"$out/batch-plan.txt" 2>&1 || true
grep -q 'one statement with 19 other change(s)' "$out/batch-plan.txt" ||
  { echo "run.sh: the plan is not one ALTER of 20 changes (see $out/batch-plan.txt)" >&2; exit 1; }
hyperfine --runs 5 --prepare "$client <$out/drop.sql" --export-markdown "$out/batch.md" \
  -n "kilter apply: 20 mysql.index on oc_order (MyISAM)" \
  "$kilter apply $out/batch-specs --auto-approve" \
  -n "20 ALTERs of one ADD INDEX (MyISAM)" "$client <$out/single.sql"
root_sql <"$out/drop.sql"
echo "== results in $out"
