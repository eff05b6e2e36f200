#!/usr/bin/env bash
# github-plan-run.sh WORKFLOW: after a merge, the id of the last successful
# pull-request run of WORKFLOW (its file name) for the merged pull request's
# head, whose artifact holds the saved plan; prints `run_id=ID` for
# $GITHUB_OUTPUT. GITHUB_SHA is the merge commit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/github-api.sh"
workflow=${1:?usage: github-plan-run.sh WORKFLOW}
head=$(gh_api GET "/commits/${GITHUB_SHA:?}/pulls" | jq -r '.[0].head.sha // empty')
[ -n "$head" ] || die "commit $GITHUB_SHA belongs to no pull request: nothing reviewed to apply"
id=$(gh_api GET "/actions/workflows/$workflow/runs?head_sha=$head&event=pull_request&status=success&per_page=1" |
  jq -r '.workflow_runs[0].id // empty')
[ -n "$id" ] || die "no successful $workflow run for the pull request's head $head"
echo "run_id=$id"
