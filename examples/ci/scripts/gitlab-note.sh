#!/usr/bin/env bash
# gitlab-note.sh BODY.md: the merge request's one kilter note (found by its
# first line, a hidden marker), updated in place on every push, created on
# the first; ends with a link to the job's artifacts (the full plan).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gitlab-api.sh"
md=${1:?usage: gitlab-note.sh BODY.md}
mr=${CI_MERGE_REQUEST_IID:?CI_MERGE_REQUEST_IID is the merge request}
marker='<!-- kilter-plan -->'
{ echo "$marker"; cat "$md"; echo
  echo "Full plan: [the job's artifacts](${CI_JOB_URL:?CI_JOB_URL is the page of this job}/artifacts/browse)."
} | jq -Rs '{body: .}' > "$KILTER_OUT/note.json"
id=
for ((page = 1; ; page++)); do
  notes=$(gl_api GET "/merge_requests/$mr/notes?per_page=100&page=$page")
  id=$(jq -r --arg m "$marker" '[.[] | select(.body | startswith($m)) | .id][0] // empty' <<<"$notes")
  [ -n "$id" ] || [ "$(jq length <<<"$notes")" = 0 ] && break
done
if [ -n "$id" ]; then
  gl_api PUT "/merge_requests/$mr/notes/$id" "$KILTER_OUT/note.json" > /dev/null
  echo "kilter-ci: updated note $id on !$mr"
else
  gl_api POST "/merge_requests/$mr/notes" "$KILTER_OUT/note.json" > /dev/null
  echo "kilter-ci: noted on !$mr"
fi
