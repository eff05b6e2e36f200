#!/usr/bin/env bash
# kilter drift --notify: a real webhook on 127.0.0.1 (a python3 http.server
# this script starts) records every POST. Drift found: one post with the
# summary; the same drift again: none; a webhook answering 500: retried,
# reported, exit status unchanged, state kept; a webhook down: reported, exit
# status unchanged; drift cleared: one "cleared" post. A secret declared in
# the specs is in no posted body.
source "$(dirname "$0")/lib.sh"
motd_estate
port=$((${ESTATE_PORT_BASE:?} + 64))
url="http://127.0.0.1:$port/hooks/t0ken"
shown="http://127.0.0.1:$port/…"
secret="notify-secret-5f3a9c"
export NOTIFY_TOKEN=$secret XDG_STATE_HOME=$scratch/xdg
state_file=$XDG_STATE_HOME/kilter/drift-notify.json
cat >> "$specs/motd.kilt" <<KILT

file "token" on box {
  path    = "$scratch/token"
  content = env("NOTIFY_TOKEN")
  mode    = "0600"
}
KILT

hook=$scratch/hook
mkdir -p "$hook"
echo 200 > "$hook/status"
cat > "$scratch/listener.py" <<'PY'
import http.server, os, sys
port, hook = int(sys.argv[1]), sys.argv[2]
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        n = len([f for f in os.listdir(hook) if f.endswith(".json")]) + 1
        with open(os.path.join(hook, "%d.json" % n), "wb") as f:
            f.write(body)
        with open(os.path.join(hook, "%d.head" % n), "w") as f:
            f.write("%s %s %s\n" % (self.command, self.path, self.headers.get("Content-Type")))
        with open(os.path.join(hook, "status")) as f:
            status = int(f.read())
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Hook).serve_forever()
PY
listener=
start_listener() {
  python3 "$scratch/listener.py" "$port" "$hook" &
  listener=$!
  for _ in $(seq 100); do
    kill -0 "$listener" 2>/dev/null || { fail "the listener exited: is 127.0.0.1:$port taken?"; exit 1; }
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  fail "the listener did not start on 127.0.0.1:$port"
  exit 1
}
stop_listener() {
  [ -n "$listener" ] && kill "$listener" 2>/dev/null && wait "$listener" 2>/dev/null
  listener=
}
trap 'stop_listener; rm -rf "$scratch"' EXIT

posts() { find "$hook" -name '*.json' | wc -l; }
# expect_posts N: the webhook has received N posts so far.
expect_posts() {
  [ "$(posts)" = "$1" ] || fail "the webhook received $(posts) posts, expected $1 (last output:"$'\n'"$out)"
}
# field N EXPR: EXPR (python, over the JSON `b`) of post N.
field() {
  python3 -c 'import json, sys; b = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
    "$hook/$1.json" "$2"
}
# expect_field N EXPR WANT
expect_field() {
  local got
  got=$(field "$1" "$2")
  [ "$got" = "$3" ] || fail "post $1: $2 is '$got', expected '$3'"
}

start_listener
expect_status 0 "$KILTER" drift --help
expect_out "--notify URL"
expect_out "--notify-state FILE"
expect_out "--notify-timeout DUR  how long one post may take (default: 10s)"
expect_status 1 "$KILTER" drift "$specs" --notify "ftp://127.0.0.1/x"
expect_out "--notify takes an http:// or https:// URL"
expect_status 1 "$KILTER" drift "$specs" --notify "$url" --notify-timeout soon
expect_out "--notify-timeout takes a duration"

expect_status 0 "$KILTER" apply "$specs" --auto-approve
# No drift, nothing notified before: a quiet run posts nothing.
expect_status 0 "$KILTER" drift "$specs" --notify "$url"
expect_posts 0
[ -e "$state_file" ] && fail "a quiet run wrote $state_file"

# Drift found: one post.
echo "edited by hand" > "$scratch/motd"
echo "old-$secret" > "$scratch/token"
expect_status 2 "$KILTER" drift "$specs" --notify "$url"
expect_posts 1
[ "$(cat "$hook/1.head")" = "POST /hooks/t0ken application/json" ] ||
  fail "post 1 was: $(cat "$hook/1.head")"
expect_field 1 'b["kind"], b["event"], b["exit_status"]' "('drift', 'found', 2)"
expect_field 1 'b["counts"]' \
  "{'drifted': 2, 'drifted_hosts': 1, 'expired_suppressions': 0, 'hosts': 1, 'problems': 0, 'suppressed': 0}"
expect_field 1 '[d["address"] for d in b["drifted"]]' "['file \"motd\" @ box', 'file \"token\" @ box']"
expect_field 1 'b["drifted"][1]["summary"]' "update (changed on the host): content"
expect_field 1 'b["text"]' "kilter drift: 2 resources drifted on 1 host (box)"
expect_field 1 'len(b["created"])' 20
grep -qF 'file \"token\" @ box' "$state_file" || fail "$state_file lacks the drifted token: $(cat "$state_file")"

# The same drift again: no post.
expect_status 2 "$KILTER" drift "$specs" --notify "$url"
expect_posts 1

# The webhook fails (500): three attempts, reported, exit status and state unchanged.
printf '%s' "$secret" > "$scratch/token"
cp "$state_file" "$scratch/state.before"
echo 500 > "$hook/status"
expect_status 2 "$KILTER" drift "$specs" --notify "$url"
expect_posts 4
expect_out "kilter drift: warning: could not notify $shown: HTTP 500 (after 3 attempts)"
grep -qF "t0ken" <<<"$out" && fail "the token of the URL was printed: $out"
cmp -s "$state_file" "$scratch/state.before" || fail "a failed post advanced the state"
expect_field 4 'b["event"]' changed

# It answers again: the change is posted on the next run.
echo 200 > "$hook/status"
expect_status 2 "$KILTER" drift "$specs" --notify "$url"
expect_posts 5
expect_field 5 'b["event"], b["text"]' \
  "('changed', 'kilter drift: 1 resource drifted on 1 host (box), changed since the last notification')"

# The webhook is down: reported, exit status unchanged, state kept.
stop_listener
printf 'hi' > "$scratch/motd"
cp "$state_file" "$scratch/state.before"
expect_status 0 "$KILTER" drift "$specs" --notify "$url" --notify-timeout 2s
expect_out "kilter drift: warning: could not notify $shown: curl: (7)"
expect_out "(after 3 attempts)"
cmp -s "$state_file" "$scratch/state.before" || fail "a post to a webhook down advanced the state"

# Up again: drift cleared is posted once, then quiet.
start_listener
expect_status 0 "$KILTER" drift "$specs" --notify "$url"
expect_posts 6
expect_field 6 'b["event"], b["exit_status"], b["drifted"]' "('cleared', 0, [])"
expect_field 6 'b["text"]' "kilter drift: drift cleared on 1 host"
expect_status 0 "$KILTER" drift "$specs" --notify "$url"
expect_posts 6

# --notify-state names another state: that one has notified nothing yet.
echo "edited again" > "$scratch/motd"
expect_status 2 "$KILTER" drift "$specs" --notify "$url" --notify-state "$scratch/other.json"
expect_posts 7
expect_field 7 'b["event"]' found
[ -s "$scratch/other.json" ] || fail "--notify-state $scratch/other.json was not written"

# No curl on the controller: said plainly, exit status unchanged, nothing recorded.
nocurl=$scratch/nocurl
mkdir -p "$nocurl"
IFS=: read -ra path_dirs <<<"$PATH"
for dir in "${path_dirs[@]}"; do
  # A name already linked from an earlier PATH directory keeps that one.
  find "$dir" -maxdepth 1 ! -name curl ! -type d -exec ln -s -t "$nocurl" {} + 2>/dev/null
done
[ -e "$nocurl/curl" ] && fail "curl is still in $nocurl"
expect_status 2 env PATH="$nocurl" "$KILTER" drift "$specs" --notify "$url" \
  --notify-state "$scratch/nocurl.json"
expect_out "could not notify $shown: curl is not installed on this controller"
expect_posts 7
[ -e "$scratch/nocurl.json" ] && fail "a post without curl wrote its state"

# A host that cannot be read: no notification (it may drift), state kept.
cp -r "$specs" "$scratch/specs-gone"
cat >> "$scratch/specs-gone/kilter.toml" <<TOML

[hosts.gone]
address = "127.0.0.1"
port = $((ESTATE_PORT_BASE + 65))
TOML
cat >> "$scratch/specs-gone/motd.kilt" <<KILT

file "motd-gone" on gone {
  path    = "/tmp/motd"
  content = "hi"
}
KILT
cp "$state_file" "$scratch/state.before"
expect_status 1 "$KILTER" drift "$scratch/specs-gone" --notify "$url"
expect_out "kilter drift: warning: not notifying: the report has errors (the notification state is kept)"
expect_posts 7
cmp -s "$state_file" "$scratch/state.before" || fail "a run with errors changed the state"

# The secret (and the live value it replaced) is in no posted body.
if grep -rlF -- "$secret" "$hook"; then fail "a posted body holds the secret"; fi
finish
