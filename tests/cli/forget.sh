#!/usr/bin/env bash
# kilter forget: takes one provider out of a host's provider index, only with
# --auto-approve (or a terminal), never while the specs declare it there, and
# changes nothing else.
source "$(dirname "$0")/lib.sh"
motd_estate
printf 'file\nmysql.index\nold.thing\n' > "$state/providers"

expect_status 1 "$KILTER" forget box mysql.index "$specs" </dev/null
expect_out "pass --auto-approve"
expect_status 1 "$KILTER" forget box
expect_out "expected \`kilter forget HOST PROVIDER [PATH...]\`"
expect_status 1 "$KILTER" forget bax mysql.index "$specs" --auto-approve
expect_out 'no host "bax" in the inventory (did you mean box?)'

expect_status 1 "$KILTER" forget box file "$specs" --auto-approve
expect_out "box: the specs still declare file there"
expect_out "$specs/motd.kilt:1:1: file \"motd\" @ box"

expect_status 0 "$KILTER" forget box mysql.index "$specs" --auto-approve
expect_out "box: mysql.index taken out of the provider index ($state/providers)."
[ "$(cat "$state/providers")" = $'file\nold.thing' ] || fail "index: $(cat "$state/providers")"
[ ! -e "$state/lock" ] || fail "the lock was left behind"

expect_status 0 "$KILTER" forget box mysql.index "$specs" --auto-approve
expect_out "does not list mysql.index; nothing to do."
expect_status 1 "$KILTER" forget box mysq.index "$specs" --auto-approve
expect_out "(did you mean mysql.index?)"

# A provider this kilter does not know is forgotten by the name the index records.
expect_status 0 "$KILTER" forget box old.thing "$specs" --auto-approve
[ "$(cat "$state/providers")" = "file" ] || fail "index: $(cat "$state/providers")"
finish
