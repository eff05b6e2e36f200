#!/usr/bin/env bash
# gitlab-fetch-plan.sh JOB FILE: after a merge, downloads $KILTER_OUT/FILE,
# a plan the merged merge request's pipeline saved as an artifact of JOB on
# the merge request's head, to $KILTER_OUT/reviewed/FILE for apply.sh.
# CI_COMMIT_SHA is the merge commit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gitlab-api.sh"
job=${1:?usage: gitlab-fetch-plan.sh JOB FILE}
file=${2:?usage: gitlab-fetch-plan.sh JOB FILE}
uri() { jq -rn --arg s "$1" '$s | @uri'; }
iid=$(gl_api GET "/repository/commits/${CI_COMMIT_SHA:?}/merge_requests" | jq -r '.[0].iid // empty')
[ -n "$iid" ] || die "commit $CI_COMMIT_SHA belongs to no merge request: nothing reviewed to apply"
mkdir -p "$KILTER_OUT/reviewed"
gl_api GET "/jobs/artifacts/$(uri "refs/merge-requests/$iid/head")/raw/$KILTER_OUT/$file?job=$(uri "$job")" \
  > "$KILTER_OUT/reviewed/$file" || die "no $KILTER_OUT/$file in the artifacts of job $job of !$iid"
echo "kilter-ci: fetched $file of !$iid"
