# Shared by the CI example tests: the e2e estate helpers (run, contains,
# hosts_inventory, ...), the scripts under test, and the stand-in for the
# forge's API they call.
. "$(dirname "$0")/../e2e/lib.sh"
scripts=$KILTER_SOURCE_DIR/examples/ci/scripts
export KILTER KILTER_SPECS=$specs KILTER_OUT=$work/out
routes=$work/routes.json
api_log=$work/api.log
echo '[]' > "$routes"
: > "$api_log"

# start_api: fake_api.py on a free port of 127.0.0.1, stopped on exit; sets $api.
start_api() {
  python3 "$(dirname "$0")/fake_api.py" "$work/api.port" "$routes" "$api_log" &
  api_pid=$!
  trap 'kill "$api_pid"; rm -rf "$work"' EXIT
  for _ in $(seq 100); do [ -s "$work/api.port" ] && break; sleep 0.1; done
  [ -s "$work/api.port" ] || fail "the fake API did not start"
  api=http://127.0.0.1:$(cat "$work/api.port")
}

# answer METHOD PATH JSON: the fake API answers METHOD PATH (with its query) with JSON.
answer() {
  jq --arg m "$1" --arg p "$2" --argjson j "$3" '. + [{method: $m, path: $p, json: $j}]' \
    "$routes" > "$routes.new"
  mv "$routes.new" "$routes"
}
# answer_file METHOD PATH FILE: ... with FILE's bytes.
answer_file() {
  jq --arg m "$1" --arg p "$2" --arg f "$3" '. + [{method: $m, path: $p, file: $f}]' \
    "$routes" > "$routes.new"
  mv "$routes.new" "$routes"
}
# forget_answers: the fake API answers nothing (404) until told again.
forget_answers() { echo '[]' > "$routes"; }

# requests METHOD [PATH]: the requests the API got, one JSON object a line.
requests() {
  jq -c --arg m "$1" --arg p "${2:-}" 'select(.method == $m and ($p == "" or .path == $p))' "$api_log"
}
# sent METHOD PATH: the JSON body of the last METHOD PATH request.
sent() { requests "$1" "$2" | tail -n1 | jq -r .body; }
