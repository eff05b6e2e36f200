# shellcheck shell=bash
# gl_api METHOD PATH [JSON_FILE]: one GitLab REST call under
# /projects/CI_PROJECT_ID as GITLAB_TOKEN (a project access token with the
# `api` scope: CI_JOB_TOKEN may not write notes or issues), against
# CI_API_V4_URL (GitLab CI sets it); prints the answer.
gl_api() {
  local method=$1 path=$2 data=()
  [ -n "${3:-}" ] && data=(--data-binary "@$3")
  curl -fsS -X "$method" \
    "${CI_API_V4_URL:?CI_API_V4_URL is the GitLab API}/projects/${CI_PROJECT_ID:?CI_PROJECT_ID is the project}$path" \
    -H "PRIVATE-TOKEN: ${GITLAB_TOKEN:?GITLAB_TOKEN is a project access token}" \
    -H 'Content-Type: application/json' "${data[@]}" ||
    { echo "kilter-ci: $method $path: the GitLab API answered with an error" >&2; return 1; }
}
