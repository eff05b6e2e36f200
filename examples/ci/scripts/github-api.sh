# shellcheck shell=bash
# gh_api METHOD PATH [JSON_FILE]: one GitHub REST call under
# /repos/GITHUB_REPOSITORY as the workflow's token (GITHUB_TOKEN), against
# GITHUB_API_URL (Actions sets both); prints the answer.
gh_api() {
  local method=$1 path=$2 data=()
  [ -n "${3:-}" ] && data=(--data-binary "@$3")
  curl -fsS -X "$method" \
    "${GITHUB_API_URL:-https://api.github.com}/repos/${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is owner/name}$path" \
    -H "Authorization: Bearer ${GITHUB_TOKEN:?GITHUB_TOKEN is the workflow token}" \
    -H 'Accept: application/vnd.github+json' -H 'X-GitHub-Api-Version: 2022-11-28' \
    -H 'Content-Type: application/json' "${data[@]}" ||
    { echo "kilter-ci: $method $path: the GitHub API answered with an error" >&2; return 1; }
}
