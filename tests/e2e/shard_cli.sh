#!/usr/bin/env bash
# Shards over $E2E_TRANSPORT (local or ssh), on four hosts that are all this
# machine under different names: `--shard K/N` takes a share of the hosts by
# their names, the same on every run; the shards' plans together are the
# unsharded plan host for host, and so is `report merge` of them, in JSON and
# in text; merge names a missing shard and a host in two files; bad --shard
# input is refused; two shards applying at once both succeed and leave what
# one apply leaves; sharded drift merges into the unsharded drift report.
. "$(dirname "$0")/lib.sh"
hosts_inventory "${E2E_TRANSPORT:-local}" web1 web2 db1 lb2
for host in web1 web2 db1 lb2; do host_file_spec "$host" motd "Welcome to $host\n"; done
hosts_of() { jq -r '[.hosts[].host] | join(" ")' "$1"; }
# stdout_of EXPECTED_EXIT FILE CMD...: CMD's standard output into FILE.
stdout_of() {
  local want=$1 file=$2 got; shift 2
  set +e; "$@" > "$file" 2> "$work/stderr"; got=$?; set -e
  [ "$got" = "$want" ] || { cat "$work/stderr" >&2; fail "\`$*\` exited $got, expected $want"; }
}
# same_document A B: two plan documents equal but for when they were read
# and how long it took.
same_document() {
  diff <(jq -S 'del(.created, .duration_seconds)' "$1") <(jq -S 'del(.created, .duration_seconds)' "$2") ||
    fail "$2 differs from $1 (beyond .created and .duration_seconds)"
}

echo "== bad --shard input is refused before any host is read"
for bad in 0/2 3/2 x/y 1/0 2; do
  run 1 "$KILTER" plan "$specs" --shard "$bad"
  contains "kilter plan: --shard takes K/N, share K of N with 1 <= K <= N (such as 1/2), not \"$bad\""
  lacks 'web1'
done
run 1 "$KILTER" drift "$specs" --shard 1/2 --host web1
contains '--shard and --host cannot be combined'

echo "== the shards' plans together are the unsharded plan, host for host"
stdout_of 2 "$work/all.txt" "$KILTER" plan "$specs" -o "$work/all.json"
run 2 "$KILTER" plan "$specs" --shard 1/2 -o "$work/s1.json"
contains 'Only shard 1/2: 2 of 4 hosts'
contains 'Plan: 2 to create,'
run 2 "$KILTER" plan "$specs" --shard 2/2 -o "$work/s2.json"
[ "$(hosts_of "$work/s1.json")" = "db1 web1" ] || fail "shard 1/2 holds $(hosts_of "$work/s1.json")"
[ "$(hosts_of "$work/s2.json")" = "lb2 web2" ] || fail "shard 2/2 holds $(hosts_of "$work/s2.json")"
[ "$(jq -c .shard "$work/s2.json")" = '{"count":2,"index":2}' ] || fail "s2.json records no shard"
for shard in s1 s2; do
  for host in $(hosts_of "$work/$shard.json"); do
    diff <(jq --arg h "$host" '.hosts[] | select(.host == $h)' "$work/all.json") \
      <(jq --arg h "$host" '.hosts[] | select(.host == $h)' "$work/$shard.json") ||
      fail "$host in $shard.json differs from the unsharded plan"
  done
done

echo "== a host stays in its shard on the next run"
stdout_of 2 "$work/again.json" "$KILTER" plan "$specs" --shard 2/2 --format json
[ "$(hosts_of "$work/again.json")" = "lb2 web2" ] || fail "shard 2/2 moved: $(hosts_of "$work/again.json")"

echo "== report merge of the shards is the unsharded plan, in JSON and in text"
stdout_of 2 "$work/merged.txt" "$KILTER" report merge "$work/s2.json" "$work/s1.json" \
  -o "$work/merged.json"
same_document "$work/all.json" "$work/merged.json"
diff "$work/all.txt" "$work/merged.txt" || fail "merged text differs from the unsharded plan's"
run 2 "$KILTER" report merge "$work/s1.json" "$work/s2.json" --format markdown
contains '### kilter plan'
contains '| web2 | 1 | 0 | 0 | 0 | 0 | 0 |'

echo "== merge names a missing shard, a host in two files, a report of another kind"
run 1 "$KILTER" report merge "$work/s1.json"
contains 'kilter report merge: error: shard 2/2 missing'
run 1 "$KILTER" report merge "$work/s1.json" "$work/all.json"
contains "kilter report merge: error: $work/all.json is not a shard: it was made without --shard"
cp "$work/s2.json" "$work/s2-again.json"
run 1 "$KILTER" report merge "$work/s1.json" "$work/s2.json" "$work/s2-again.json"
contains "kilter report merge: error: hosts lb2, web2 are in both $work/s2.json and $work/s2-again.json"

echo "== two shards applying at once both succeed and leave what one apply leaves"
run 0 "$KILTER" apply "$work/all.json"
file_tree "$root" > "$work/single.tree"
[ "$(wc -l < "$work/single.tree")" = 4 ] || fail "one apply wrote: $(cat "$work/single.tree")"
rm -rf "${root:?}"/*/motd "${state:?}"/*
run 2 "$KILTER" plan "$specs" --shard 1/2 -o "$work/s1.json"
run 2 "$KILTER" plan "$specs" --shard 2/2 -o "$work/s2.json"
("$KILTER" apply "$work/s1.json" > "$work/apply1.log" 2>&1; echo $? > "$work/apply1.status") &
("$KILTER" apply "$work/s2.json" > "$work/apply2.log" 2>&1; echo $? > "$work/apply2.status") &
wait
for n in 1 2; do
  [ "$(cat "$work/apply$n.status")" = 0 ] || { cat "$work/apply$n.log" >&2; fail "shard $n/2's apply failed"; }
  grep -qF 'Apply complete: 2 created' "$work/apply$n.log" || fail "shard $n/2: $(cat "$work/apply$n.log")"
done
diff "$work/single.tree" <(file_tree "$root") || fail "the shards' applies left other files than one apply"
run 0 "$KILTER" plan "$specs"
contains 'No changes.'

echo "== sharded drift merges into the unsharded drift report"
printf 'defaced\n' > "$root/web2/motd"
stdout_of 0 "$work/d1.json" "$KILTER" drift "$specs" --shard 1/2 --format json
stdout_of 2 "$work/d2.json" "$KILTER" drift "$specs" --shard 2/2 --format json
stdout_of 2 "$work/drift.json" "$KILTER" drift "$specs" --format json
stdout_of 2 "$work/merged-drift.json" "$KILTER" report merge "$work/d1.json" "$work/d2.json" --format json
same_document "$work/drift.json" "$work/merged-drift.json"
run 2 "$KILTER" report merge "$work/d1.json" "$work/d2.json"
contains '~ file "motd" @ web2  (changed on the host)'
contains 'Drift: 0 missing, 1 differing, 0 no longer declared.'
run 1 "$KILTER" report merge "$work/s1.json" "$work/d2.json"
contains "error: $work/s1.json is a plan but $work/d2.json is a drift report"
echo "PASS"
