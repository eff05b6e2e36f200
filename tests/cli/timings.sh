#!/usr/bin/env bash
# --timings: plan, drift and apply print where the time went on stderr (a row
# per host and provider, a column per phase, the run's steps), and stdout is
# exactly what it is without the flag, in every format.
source "$(dirname "$0")/lib.sh"
motd_estate

# timings_of CMD...: runs CMD; its stdout in $stdout, its stderr in $stderr.
timings_of() {
  "$@" >"$scratch/stdout" 2>"$scratch/stderr"
  status=$?
  # A plan records when it was made, to the second: two runs may differ there.
  stdout=$(sed -E 's/"created": "[^"]*"/"created": "(time)"/' "$scratch/stdout")
  stderr=$(cat "$scratch/stderr")
}
# expect_row REGEX: stderr has a line matching REGEX.
expect_row() {
  grep -qE -- "$1" <<<"$stderr" || fail "stderr lacks /$1/; stderr:"$'\n'"$stderr"
}

for format in text json markdown; do
  timings_of "$KILTER" plan "$specs" --format "$format"
  plain=$stdout
  timings_of "$KILTER" plan "$specs" --format "$format" --timings
  [ "$status" = 2 ] || fail "plan --timings --format $format exited $status, expected 2"
  [ "$stdout" = "$plain" ] || fail "--timings changed stdout of plan --format $format:"$'\n'"$stdout"
  grep -q "timings" <<<"$stdout" && fail "--timings wrote to stdout with --format $format"
done
expect_row '^kilter plan: timings \(ms\)$'
expect_row '^  host +provider +connect +read +diff +validate +wall$'
expect_row '^  box +kilter +[0-9]+\.[0-9] +[0-9]+\.[0-9] +- +- +-$'
expect_row '^  box +file +- +[0-9]+\.[0-9] +[0-9]+\.[0-9] +[0-9]+\.[0-9] +-$'
expect_row '^  box +\(host\) +- +- +- +- +[0-9]+\.[0-9]$'
expect_row '^  run: compile [0-9]+\.[0-9] ms, plan [0-9]+\.[0-9] ms, total [0-9]+\.[0-9] ms$'

timings_of "$KILTER" plan "$specs"
grep -q "timings" <<<"$stderr" && fail "plan printed timings without --timings"

timings_of "$KILTER" apply "$specs" --auto-approve --timings
[ "$status" = 0 ] || fail "apply --timings exited $status; stderr:"$'\n'"$stderr"
grep -q "timings" <<<"$stdout" && fail "apply --timings wrote to stdout"
expect_row '^kilter apply: plan timings \(ms\)$'
expect_row '^kilter apply: timings \(ms\)$'
expect_row '^  host +provider +connect +lock +read +diff +apply +handlers +verify +wall$'
expect_row '^  box +file +- +- +[0-9]+\.[0-9] +[0-9]+\.[0-9] +[0-9]+\.[0-9] +- +- +-$'
expect_row '^  run: apply [0-9]+\.[0-9] ms, total [0-9]+\.[0-9] ms$'

timings_of "$KILTER" drift "$specs" --timings --format json
[ "$status" = 0 ] || fail "drift --timings exited $status; stderr:"$'\n'"$stderr"
grep -q "timings" <<<"$stdout" && fail "drift --timings wrote to stdout"
expect_row '^kilter drift: timings \(ms\)$'
# Nothing to change: no provider validated anything.
expect_row '^  host +provider +connect +read +diff +wall$'
expect_row '^  box +file +- +[0-9]+\.[0-9] +[0-9]+\.[0-9] +-$'
finish
