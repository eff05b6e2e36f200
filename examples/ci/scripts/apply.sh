#!/usr/bin/env bash
# apply.sh PLAN.json: carries out the plan a pull request saved, only if it
# was made from the specs of this commit (else the pull request's plan left
# something out: plan again) and, as kilter apply checks, nothing on the
# hosts moved since (a stale plan is refused, naming what changed).
. "$(dirname "$0")/lib.sh"
plan=${1:?usage: apply.sh PLAN.json}
[ -f "$plan" ] || die "$plan: no saved plan (did the pull request's plan job run?)"
"$KILTER" compile "$KILTER_SPECS" -o "$KILTER_OUT/catalog.json"
# The plan's catalog also records the fingerprints of secrets, which compile
# does not read: compare everything else.
specs_of() { jq -S 'del(.resources[].secrets[]?.fingerprint)' "$@"; }
if ! diff <(specs_of "$KILTER_OUT/catalog.json") <(jq .catalog "$plan" | specs_of) > /dev/null; then
  die "$plan was made from other specs than this commit's: plan again (keep pull requests up to date with the base branch before merging)"
fi
"$KILTER" apply "$plan"
