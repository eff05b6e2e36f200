#!/usr/bin/env bash
# `kilter --help` lists every command, and `kilter COMMAND --help` describes
# every flag the command accepts (each flag named in its help is accepted, and
# a flag outside its help is refused).
source "$(dirname "$0")/lib.sh"
# An empty directory and `--flag=x`: a refused value or an empty estate stops
# every command before it could do anything.
cd "$scratch"
expect_status 0 "$KILTER" --help
commands=$(awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}' <<<"$out")
[ -n "$commands" ] || fail "kilter --help lists no commands: $out"
for c in check compile fmt graph explain; do
  grep -qx "$c" <<<"$commands" || fail "kilter --help does not list $c"
done
for c in $commands; do
  expect_status 0 "$KILTER" "$c" --help
  expect_out "usage: kilter $c"
  help=$out
  for flag in $(grep -oE -- '--[a-z][a-z-]+' <<<"$help" | sort -u); do
    [ "$flag" = --help ] && continue
    # An accepted flag fails, if at all, for another reason than being unknown.
    out=$("$KILTER" "$c" "$flag=x" 2>&1 | tr -d '\0')
    grep -q "unknown option $flag\b" <<<"$out" && fail "kilter $c --help names $flag, which it refuses"
  done
  out=$("$KILTER" "$c" --no-such-flag 2>&1 | tr -d '\0')
  grep -q "unknown option --no-such-flag" <<<"$out" || fail "kilter $c accepted --no-such-flag: $out"
done
expect_status 1 "$KILTER" no-such-command
expect_out "unknown command"
finish
