#!/usr/bin/env bash
# The GitLab pipeline's scripts (examples/ci/gitlab/.gitlab-ci.yml), run the
# way its jobs run them, with the real kilter on four hosts that are this
# machine; only the GitLab API is a stand-in (fake_api.py). The matrix
# shards' plans merge into ONE merge-request note, created then updated;
# after the merge each shard's saved plan is fetched from the merge
# request's pipeline and applied; the scheduled drift opens one issue and
# closes it once the drift is gone.
. "$(dirname "$0")/lib.sh"
hosts_inventory local web1 web2 db1 lb2
for host in web1 web2 db1 lb2; do host_file_spec "$host" motd "Welcome to $host\n"; done
start_api
project=/api/v4/projects/42
export CI_API_V4_URL=$api/api/v4 CI_PROJECT_ID=42 GITLAB_TOKEN=glpat-t0ken CI_MERGE_REQUEST_IID=3
export CI_JOB_URL=https://gitlab.example/shop/estate/-/jobs/77
export CI_PIPELINE_URL=https://gitlab.example/shop/estate/-/pipelines/78

echo "== the matrix shards' plans merge into one merge-request note"
for SHARD in 1/3 2/3 3/3; do run 0 "$scripts/plan.sh" "$SHARD"; done
run 0 "$scripts/merge.sh" plan
contains 'changes=true'
answer GET "$project/merge_requests/3/notes?per_page=100&page=1" '[{"id": 1, "body": "looks fine"}]'
answer GET "$project/merge_requests/3/notes?per_page=100&page=2" '[]'
answer POST "$project/merge_requests/3/notes" '{"id": 8}'
run 0 "$scripts/gitlab-note.sh" "$KILTER_OUT/plan.md"
contains 'noted on !3'
out=$(sent POST "$project/merge_requests/3/notes" | jq -r .body)
contains '<!-- kilter-plan -->'
contains 'Plan: 4 to create'
contains "[the job's artifacts]($CI_JOB_URL/artifacts/browse)"
[ "$(requests POST | jq -r .auth)" = glpat-t0ken ] || fail "not sent with the token"
forget_answers
answer GET "$project/merge_requests/3/notes?per_page=100&page=1" \
  '[{"id": 1, "body": "looks fine"}, {"id": 8, "body": "<!-- kilter-plan -->\nold"}]'
answer PUT "$project/merge_requests/3/notes/8" '{"id": 8}'
run 0 "$scripts/gitlab-note.sh" "$KILTER_OUT/plan.md"
contains 'updated note 8 on !3'
[ "$(requests POST | wc -l)" = 1 ] || fail "a second note was posted"

echo "== after the merge each shard fetches its saved plan and applies it"
export CI_COMMIT_SHA=abc123
forget_answers
answer GET "$project/repository/commits/abc123/merge_requests" '[{"iid": 3}]'
for k in 1 2 3; do
  answer_file GET "$project/jobs/artifacts/refs%2Fmerge-requests%2F3%2Fhead/raw/$KILTER_OUT/plan-$k-of-3.json?job=kilter%3Amerge-plan" \
    "$KILTER_OUT/plan-$k-of-3.json"
done
for SHARD in 1/3 2/3 3/3; do
  plan="plan-${SHARD/\//-of-}.json"
  run 0 "$scripts/gitlab-fetch-plan.sh" kilter:merge-plan "$plan"
  contains "fetched $plan of !3"
  cmp "$KILTER_OUT/plan-${SHARD/\//-of-}.json" "$KILTER_OUT/reviewed/$plan" || fail "$plan fetched wrong"
  run 0 "$scripts/apply.sh" "$KILTER_OUT/reviewed/$plan"
done
run 0 "$KILTER" plan "$specs"
contains 'No changes.'
answer GET "$project/repository/commits/fff000/merge_requests" '[]'
CI_COMMIT_SHA=fff000 run 1 "$scripts/gitlab-fetch-plan.sh" kilter:merge-plan plan-1-of-3.json
contains 'commit fff000 belongs to no merge request'

echo "== the scheduled drift opens one issue, then closes it"
printf 'defaced\n' > "$root/db1/motd"
forget_answers
answer GET "$project/issues?labels=kilter-drift&state=opened&per_page=1" '[]'
answer POST "$project/issues" '{"iid": 6}'
for SHARD in 1/3 2/3 3/3; do run 0 "$scripts/drift.sh" "$SHARD"; done
run 0 "$scripts/merge.sh" drift
contains 'changes=true'
run 0 "$scripts/gitlab-drift-issue.sh" true
contains 'opened a drift issue'
sent POST "$project/issues" > "$work/issue.json"
jq -e '.labels == "kilter-drift" and (.description | contains("file \"motd\" @ db1"))' "$work/issue.json" \
  > /dev/null || fail "issue: $(cat "$work/issue.json")"
run 0 "$KILTER" apply "$specs" --auto-approve
forget_answers
answer GET "$project/issues?labels=kilter-drift&state=opened&per_page=1" '[{"iid": 6}]'
answer POST "$project/issues/6/notes" '{"id": 2}'
answer PUT "$project/issues/6" '{"iid": 6}'
for SHARD in 1/3 2/3 3/3; do run 0 "$scripts/drift.sh" "$SHARD"; done
run 0 "$scripts/merge.sh" drift
contains 'changes=false'
run 0 "$scripts/gitlab-drift-issue.sh" false
contains 'closed issue #6'
[ "$(sent PUT "$project/issues/6" | jq -c .)" = '{"state_event":"close"}' ] || fail "issue 6 not closed"
echo "PASS"
