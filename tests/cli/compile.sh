#!/usr/bin/env bash
# kilter compile and graph: -o writes atomically, `-o -` and no -o write
# standard output, errors write nothing; --format json and sarif are valid JSON.
source "$(dirname "$0")/lib.sh"
cd "$scratch"
printf '[hosts.web1]\naddress = "10.0.0.11"\n' >kilter.toml
printf '# no resources\n' >main.kilt

expect_status 0 "$KILTER" compile . -o catalog.json
expect_out "wrote catalog.json"
grep -q '"version": 1' catalog.json || fail "catalog.json: $(cat catalog.json)"
expect_status 0 "$KILTER" compile .
cmp -s <(echo "$out") catalog.json || fail "compile to stdout differs from -o FILE"
expect_status 0 "$KILTER" compile . -o -
expect_status 0 "$KILTER" graph .
expect_out "digraph kilter {"

printf '[hosts.web1]\nadress = "x"\n' >kilter.toml
echo old >catalog.json
expect_status 1 "$KILTER" compile . -o catalog.json
expect_out "kilter.toml:2:1: error[E0402]"
[ "$(cat catalog.json)" = old ] || fail "a failed compile overwrote its output"
expect_status 1 "$KILTER" graph .

for format in json sarif; do
  "$KILTER" check . --format "$format" >"$format.out"
  [ $? = 1 ] || fail "check --format $format should exit 1"
  command -v python3 >/dev/null && { python3 -m json.tool "$format.out" >/dev/null || fail "--format $format is not JSON"; }
  grep -q '"E0402"' "$format.out" || fail "--format $format lacks the code: $(cat "$format.out")"
done
grep -q '"version": "2.1.0"' sarif.out || fail "the SARIF log has no version 2.1.0"

expect_status 1 "$KILTER" check . --format xml
expect_out "--format is text, json or sarif"
expect_status 1 "$KILTER" check . --param novalue
expect_out "--param takes NAME=VALUE"
finish
