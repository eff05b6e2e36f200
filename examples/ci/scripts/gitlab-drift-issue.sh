#!/usr/bin/env bash
# gitlab-drift-issue.sh true|false: keeps one open issue labelled
# kilter-drift while the hosts drift, like github-drift-issue.sh: its
# description becomes $KILTER_OUT/drift.md, or it is opened; without drift
# an open one is closed with a note naming the pipeline (CI_PIPELINE_URL).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gitlab-api.sh"
drift=${1:?usage: gitlab-drift-issue.sh true|false}
label=kilter-drift
iid=$(gl_api GET "/issues?labels=$label&state=opened&per_page=1" | jq -r '.[0].iid // empty')
run="[this pipeline](${CI_PIPELINE_URL:?CI_PIPELINE_URL is the page of this pipeline})"
if [ "$drift" = true ]; then
  { cat "$KILTER_OUT/drift.md"; echo; echo "Found by $run: the JSON report is in its artifacts."
  } | jq -Rs --arg l "$label" '{title: "kilter: the hosts drifted from the specs", description: ., labels: $l}' \
    > "$KILTER_OUT/issue.json"
  if [ -n "$iid" ]; then
    gl_api PUT "/issues/$iid" "$KILTER_OUT/issue.json" > /dev/null
    echo "kilter-ci: updated issue #$iid"
  else
    gl_api POST "/issues" "$KILTER_OUT/issue.json" > /dev/null
    echo "kilter-ci: opened a drift issue"
  fi
elif [ -n "$iid" ]; then
  jq -n --arg b "No drift any more: $run." '{body: $b}' > "$KILTER_OUT/issue.json"
  gl_api POST "/issues/$iid/notes" "$KILTER_OUT/issue.json" > /dev/null
  jq -n '{state_event: "close"}' > "$KILTER_OUT/issue.json"
  gl_api PUT "/issues/$iid" "$KILTER_OUT/issue.json" > /dev/null
  echo "kilter-ci: closed issue #$iid"
fi
