#!/usr/bin/env bash
# Makes the reports the report/ golden cases merge: plans and drift reports
# (--format json) of four local hosts, unsharded, in shards 1/2 and 2/2, and
# shard 2/3, with the scratch directory's path replaced by /srv/golden so
# the files, and the cases' output, do not depend on the machine. Run it
# when the plan document changes, then `scripts/refresh-golden` the cases:
#
#   KILTER=$PWD/build/kilter KILTER_SOURCE_DIR=$PWD tests/golden/shards/make.sh
. "$(dirname "$0")/../../e2e/lib.sh"
out=$(cd "$(dirname "$0")" && pwd)
hosts_inventory local web1 web2 db1 lb2
for host in web1 web2 db1 lb2; do host_file_spec "$host" motd "Welcome to $host\n"; done
"$KILTER" apply "$specs" --auto-approve > /dev/null 2>&1
host_file_spec web1 motd 'Welcome back to web1\n'
host_file_spec db1 extra 'new on db1\n'
printf 'defaced\n' > "$root/web2/motd"
# save NAME KILTER_ARGS...: kilter's standard output as NAME, made machine-free.
save() {
  local name=$1; shift
  "$KILTER" "$@" --format json > "$work/$name" 2> /dev/null || [ $? = 2 ] || fail "kilter $* failed"
  sed "s#$work#/srv/golden#g" "$work/$name" > "$out/$name"
}
for kind in plan drift; do
  save "$kind-all.json" "$kind" "$specs"
  save "$kind-1-of-2.json" "$kind" "$specs" --shard 1/2
  save "$kind-2-of-2.json" "$kind" "$specs" --shard 2/2
done
save plan-2-of-3.json plan "$specs" --shard 2/3
echo "made $(ls "$out"/*.json | wc -l) reports in $out"
