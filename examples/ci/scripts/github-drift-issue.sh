#!/usr/bin/env bash
# github-drift-issue.sh true|false: keeps one open issue labelled kilter-drift
# while the hosts drift. With drift (merge.sh's `changes`), the open issue's
# body becomes $KILTER_OUT/drift.md, or the issue is opened; without, an
# open issue is closed with a comment naming the run (RUN_URL).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/github-api.sh"
drift=${1:?usage: github-drift-issue.sh true|false}
label=kilter-drift
number=$(gh_api GET "/issues?labels=$label&state=open&per_page=1" | jq -r '.[0].number // empty')
run="[this run](${RUN_URL:?RUN_URL is the page of this run})"
if [ "$drift" = true ]; then
  { cat "$KILTER_OUT/drift.md"; echo; echo "Found by $run: the JSON report is its \`kilter-drift\` artifact."
  } | jq -Rs --arg l "$label" '{title: "kilter: the hosts drifted from the specs", body: ., labels: [$l]}' \
    > "$KILTER_OUT/issue.json"
  if [ -n "$number" ]; then
    gh_api PATCH "/issues/$number" "$KILTER_OUT/issue.json" > /dev/null
    echo "kilter-ci: updated issue #$number"
  else
    gh_api POST "/issues" "$KILTER_OUT/issue.json" > /dev/null
    echo "kilter-ci: opened a drift issue"
  fi
elif [ -n "$number" ]; then
  jq -n --arg b "No drift any more: $run." '{body: $b}' > "$KILTER_OUT/issue.json"
  gh_api POST "/issues/$number/comments" "$KILTER_OUT/issue.json" > /dev/null
  jq -n '{state: "closed"}' > "$KILTER_OUT/issue.json"
  gh_api PATCH "/issues/$number" "$KILTER_OUT/issue.json" > /dev/null
  echo "kilter-ci: closed issue #$number"
fi
