#!/usr/bin/env bash
# The GitHub workflows' scripts (examples/ci/scripts), run the way
# examples/ci/github/*.yml runs them, with the real kilter on four hosts
# that are this machine; only the GitHub API is a stand-in (fake_api.py),
# recording what the scripts send. check writes SARIF (with a result when a
# spec is wrong); the shards' plans merge into one plan and ONE
# pull-request comment, created, then updated on the next push; a plan too
# big for a comment is cut under 65,535 characters and links the artifact;
# after the merge the pull request's run is found and its plan applied; a
# plan from other specs, or a stale one, is refused; the nightly drift
# keeps its JSON report and its metrics, pushes the metrics to the
# Pushgateway (the stand-in again), and opens, updates, then closes one issue.
. "$(dirname "$0")/lib.sh"
hosts_inventory local web1 web2 db1 lb2
for host in web1 web2 db1 lb2; do host_file_spec "$host" motd "Welcome to $host\n"; done
start_api
repo=/repos/shop/estate
export GITHUB_API_URL=$api GITHUB_REPOSITORY=shop/estate GITHUB_TOKEN=t0ken PR_NUMBER=12
export ARTIFACT_URL=https://github.example/shop/estate/actions/runs/7/artifacts/99
export RUN_URL=https://github.example/shop/estate/actions/runs/8
marker='<!-- kilter-plan -->'

echo "== check writes SARIF for code scanning, with a result for a wrong spec"
run 0 "$scripts/check.sh"
jq -e '.version == "2.1.0" and .runs[0].tool.driver.name == "kilter" and (.runs[0].results | length) == 0' \
  "$KILTER_OUT/kilter.sarif" > /dev/null || fail "clean specs: $(cat "$KILTER_OUT/kilter.sarif")"
printf 'file "broken" on web1 {\n  pathh = "/x"\n}\n' > "$specs/broken.kilt"
run 1 "$scripts/check.sh"
jq -e '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri] | any(endswith("broken.kilt"))' \
  "$KILTER_OUT/kilter.sarif" > /dev/null || fail "no result in broken.kilt: $(cat "$KILTER_OUT/kilter.sarif")"
rm "$specs/broken.kilt"

echo "== the shards' plans merge into one plan, commented once on the pull request"
run 0 "$scripts/plan.sh" 1/2
run 0 "$scripts/plan.sh" 2/2
run 0 "$scripts/merge.sh" plan
contains 'changes=true'
[ "$(jq -c '[.shard, [.hosts[].host]]' "$KILTER_OUT/plan.json")" = '[null,["db1","lb2","web1","web2"]]' ] ||
  fail "merged plan: $(jq -c '[.shard, [.hosts[].host]]' "$KILTER_OUT/plan.json")"
grep -qF 'Plan: 4 to create' "$KILTER_OUT/plan.txt" || fail "plan.txt: $(cat "$KILTER_OUT/plan.txt")"
answer GET "$repo/issues/12/comments?per_page=100&page=1" '[{"id": 3, "body": "LGTM"}]'
answer GET "$repo/issues/12/comments?per_page=100&page=2" '[]'
answer POST "$repo/issues/12/comments" '{"id": 7}'
run 0 "$scripts/github-comment.sh" "$KILTER_OUT/plan.md"
contains 'commented on #12'
out=$(sent POST "$repo/issues/12/comments" | jq -r .body)
[ "$(head -n1 <<<"$out")" = "$marker" ] || fail "the comment does not start with the marker"
contains '### kilter plan'
contains '| web2 | 1 | 0 | 0 | 0 | 0 | 0 |'
contains "[the kilter-plan artifact]($ARTIFACT_URL)"
[ "$(requests POST | head -n1 | jq -r .auth)" = 'Bearer t0ken' ] || fail "not sent with the token"

echo "== the next push updates that comment instead of adding one"
forget_answers
answer GET "$repo/issues/12/comments?per_page=100&page=1" \
  "$(jq -n --arg b "$marker"$'\nold plan' '[{"id": 3, "body": "LGTM"}, {"id": 7, "body": $b}]')"
answer PATCH "$repo/issues/comments/7" '{"id": 7}'
run 0 "$scripts/github-comment.sh" "$KILTER_OUT/plan.md"
contains 'updated comment 7 on #12'
[ "$(requests POST | wc -l)" = 1 ] || fail "a second comment was posted"
sent PATCH "$repo/issues/comments/7" | jq -e '.body | contains("### kilter plan")' > /dev/null ||
  fail "the update does not hold the plan"

echo "== a plan too big for a comment is cut under 65,535 characters, linking the artifact"
big=$work/big
mkdir -p "$big"
cp "$specs/kilter.toml" "$big/"
line=$(printf 'x%.0s' $(seq 70))
content=$(for i in $(seq 60); do printf '%s %s\\n' "$i" "$line"; done)
for host in web1 web2 db1 lb2; do
  for i in $(seq 25); do
    printf 'file "big%s" on %s {\n  path    = "%s"\n  content = "%s"\n}\n' \
      "$i" "$host" "$root/$host/big$i" "$content" > "$big/$host-big$i.kilt"
  done
done
KILTER_SPECS=$big KILTER_OUT=$work/big-out run 0 "$scripts/plan.sh"
KILTER_SPECS=$big KILTER_OUT=$work/big-out run 0 "$scripts/merge.sh" plan
[ "$(wc -c < "$work/big-out/plan.txt")" -gt 200000 ] || fail "the big plan is not big"
KILTER_OUT=$work/big-out run 0 "$scripts/github-comment.sh" "$work/big-out/plan.md"
sent PATCH "$repo/issues/comments/7" > "$work/big-comment.json"
jq -e '.body | utf8bytelength <= 65535' "$work/big-comment.json" > /dev/null ||
  fail "the comment is $(jq '.body | utf8bytelength' "$work/big-comment.json") bytes"
out=$(jq -r .body "$work/big-comment.json")
contains '**Truncated** to stay under 65000 characters'
contains "[the kilter-plan artifact]($ARTIFACT_URL)"

echo "== after the merge: the pull request's run is found and its plan applied"
export GITHUB_SHA=abc123
forget_answers
answer GET "$repo/commits/abc123/pulls" '[{"number": 12, "head": {"sha": "def456"}}]'
answer GET "$repo/actions/workflows/kilter-pr.yml/runs?head_sha=def456&event=pull_request&status=success&per_page=1" \
  '{"workflow_runs": [{"id": 4242}]}'
run 0 "$scripts/github-plan-run.sh" kilter-pr.yml
[ "$out" = run_id=4242 ] || fail "github-plan-run.sh printed: $out"
mkdir -p "$KILTER_OUT/reviewed"
cp "$KILTER_OUT/plan.json" "$KILTER_OUT/reviewed/"  # what download-artifact does
run 0 "$scripts/apply.sh" "$KILTER_OUT/reviewed/plan.json"
contains 'Apply complete: 4 created'
[ "$(cat "$root/lb2/motd")" = 'Welcome to lb2' ] || fail "lb2/motd: $(cat "$root/lb2/motd")"
run 0 "$KILTER" plan "$specs"
contains 'No changes.'
answer GET "$repo/commits/fff000/pulls" '[]'
GITHUB_SHA=fff000 run 1 "$scripts/github-plan-run.sh" kilter-pr.yml
contains 'commit fff000 belongs to no pull request'

GITHUB_SHA=404404 run 1 "$scripts/github-plan-run.sh" kilter-pr.yml
contains 'kilter-ci: GET /commits/404404/pulls: the GitHub API answered with an error'

echo "== a plan made from other specs than the merged ones, or a stale plan, is refused"
host_file_spec web1 motd 'Welcome back\n'
rm "$KILTER_OUT"/plan-*-of-*.json  # a new run
run 0 "$scripts/plan.sh"
run 0 "$scripts/merge.sh" plan
host_file_spec web1 motd 'Welcome once more\n'
run 1 "$scripts/apply.sh" "$KILTER_OUT/plan.json"
contains "$KILTER_OUT/plan.json was made from other specs than this commit's: plan again"
host_file_spec web1 motd 'Welcome back\n'
printf 'moved\n' > "$root/web1/motd"
run 1 "$scripts/apply.sh" "$KILTER_OUT/plan.json"
contains 'the plan is stale'
contains 'file "motd" @ web1: changed on the host since the plan'
[ "$(cat "$root/web1/motd")" = moved ] || fail "a refused plan changed web1/motd"

echo "== nightly drift: the JSON report and metrics are kept and pushed; one issue is opened, updated, then closed"
forget_answers
answer GET "$repo/issues?labels=kilter-drift&state=open&per_page=1" '[]'
answer POST "$repo/issues" '{"number": 5}'
run 0 "$scripts/drift.sh"
run 0 "$scripts/merge.sh" drift
contains 'changes=true'
jq -e '.kind == "drift" and .summary.update == 1' "$KILTER_OUT/drift.json" > /dev/null ||
  fail "drift.json: $(jq -c .summary "$KILTER_OUT/drift.json")"
grep -qx 'kilter_host_drift{host="web1"} 1' "$KILTER_OUT/drift.prom" ||
  fail "drift.prom: $(cat "$KILTER_OUT/drift.prom")"
grep -qx 'kilter_host_drift{host="db1"} 0' "$KILTER_OUT/drift.prom" || fail "drift.prom lacks db1"
run 0 "$scripts/push-metrics.sh"
contains 'KILTER_PUSHGATEWAY_URL is not set'
answer PUT /metrics/job/kilter-drift '{}'
KILTER_PUSHGATEWAY_URL=$api/ run 0 "$scripts/push-metrics.sh"
[ "$(sent PUT /metrics/job/kilter-drift)" = "$(cat "$KILTER_OUT/drift.prom")" ] ||
  fail "the Pushgateway got: $(sent PUT /metrics/job/kilter-drift)"
run 0 "$scripts/github-drift-issue.sh" true
contains 'opened a drift issue'
sent POST "$repo/issues" > "$work/issue.json"
jq -e '.labels == ["kilter-drift"] and (.body | contains("file \"motd\" @ web1")) and (.body | contains(env.RUN_URL))' \
  "$work/issue.json" > /dev/null || fail "issue: $(cat "$work/issue.json")"
forget_answers
answer GET "$repo/issues?labels=kilter-drift&state=open&per_page=1" '[{"number": 5}]'
answer PATCH "$repo/issues/5" '{"number": 5}'
answer POST "$repo/issues/5/comments" '{"id": 9}'
run 0 "$scripts/github-drift-issue.sh" true
contains 'updated issue #5'
[ "$(requests POST "$repo/issues" | wc -l)" = 1 ] || fail "a second issue was opened"
run 0 "$KILTER" apply "$specs" --auto-approve
run 0 "$scripts/drift.sh"
run 0 "$scripts/merge.sh" drift
contains 'changes=false'
run 0 "$scripts/github-drift-issue.sh" false
contains 'closed issue #5'
sent POST "$repo/issues/5/comments" | jq -e '.body | startswith("No drift any more")' > /dev/null ||
  fail "no closing comment"
[ "$(sent PATCH "$repo/issues/5" | jq -c .)" = '{"state":"closed"}' ] || fail "issue 5 not closed: $(sent PATCH "$repo/issues/5")"
echo "PASS"
