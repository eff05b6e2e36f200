#!/usr/bin/env bash
# github-comment.sh BODY.md: the pull request's one kilter comment (found by
# its first line, a hidden marker), updated in place on every push, created
# on the first. Ends with a link to the plan artifact (ARTIFACT_URL), where
# the full plan is when kilter had to cut the markdown. PR_NUMBER names the
# pull request.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/github-api.sh"
md=${1:?usage: github-comment.sh BODY.md}
pr=${PR_NUMBER:?PR_NUMBER is the pull request number}
marker='<!-- kilter-plan -->'
body=$KILTER_OUT/comment.md
{ echo "$marker"; cat "$md"; echo
  echo "Full plan (JSON and text): [the kilter-plan artifact](${ARTIFACT_URL:?ARTIFACT_URL is the page of the plan artifact})."
} > "$body"
# GitHub refuses a comment over 65,535 characters; kilter keeps the markdown
# under 65,000, so this holds unless the markdown came from elsewhere.
size=$(wc -c < "$body")
[ "$size" -le 65535 ] || die "$body is $size bytes, over GitHub's 65,535"
jq -Rs '{body: .}' "$body" > "$KILTER_OUT/comment.json"
id=
for ((page = 1; ; page++)); do
  comments=$(gh_api GET "/issues/$pr/comments?per_page=100&page=$page")
  id=$(jq -r --arg m "$marker" '[.[] | select(.body | startswith($m)) | .id][0] // empty' <<<"$comments")
  [ -n "$id" ] || [ "$(jq length <<<"$comments")" = 0 ] && break
done
if [ -n "$id" ]; then
  gh_api PATCH "/issues/comments/$id" "$KILTER_OUT/comment.json" > /dev/null
  echo "kilter-ci: updated comment $id on #$pr"
else
  gh_api POST "/issues/$pr/comments" "$KILTER_OUT/comment.json" > /dev/null
  echo "kilter-ci: commented on #$pr"
fi
