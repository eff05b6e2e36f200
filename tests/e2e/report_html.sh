#!/usr/bin/env bash
# The HTML report end to end: real apply, drift, probe and plan append to a
# run log (--log) on a local estate of files and two health checks against an
# HTTP server on loopback (one fast, one over its 100 ms target), a file whose
# resource name is "<script>alert(1)</script>", a file whose content is a
# secret (env()), changed by hand, and a host that cannot be read. Neither the
# secret nor the value on the host reaches the log or the page.
# Concurrent runs append whole lines; a log that cannot be written fails the
# run after the report. `kilter report html` builds the page from the specs and
# the log, and headless Chromium (headless_page.py, the DevTools protocol)
# loads it: no console error, no request but the page itself, the DOM names
# every host and every drifted resource, and a screenshot is written to
# e2e-report-html/ in the build directory. A page that asks for the network
# and logs an error is caught by the same checks.
. "$(dirname "$0")/lib.sh"
command -v chromium > /dev/null || fail "chromium not found (scripts/setup installs it)"
shots=$(dirname "$KILTER")/e2e-report-html
rm -rf "$shots"
mkdir -p "$shots"

http_port=$(free_port)
python3 "$(dirname "$0")/health_server.py" "$http_port" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  kill -0 "$server" 2>/dev/null || fail "health_server.py exited: is 127.0.0.1:$http_port taken?"
  (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null && break
  sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null || fail "health_server.py did not start"

inventory local
unreachable_host gone
file_spec motd 'Welcome\n'
file_spec banner 'Hello\n'
cat > "$specs/escape.kilt" <<KILT
file "<script>alert(1)</script>" on box {
  path    = "$root/escape"
  content = "x"
  mode    = "0644"
  owner   = "$(id -un)"
  group   = "$(id -gn)"
}

file "motd-gone" on gone {
  path    = "/tmp/kilter-never-written"
  content = "x"
}
KILT
cat > "$specs/health.kilt" <<KILT
health.check "api" on box {
  http        = "http://127.0.0.1:$http_port/health"
  expect_body = "ok"
  max_latency = 100ms
}

health.check "slow" on box {
  http        = "http://127.0.0.1:$http_port/slow"
  max_latency = 100ms
}
KILT
secret() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
export KILTER_SECRET_KEY="key-$(secret)"
export APP_TOKEN="tok-$(secret)"
stolen="stolen-$(secret)"
cat > "$specs/token.kilt" <<KILT
file "token" on box {
  path    = "$root/token"
  content = env("APP_TOKEN")
  mode    = "0600"
  owner   = "$(id -un)"
  group   = "$(id -gn)"
}
KILT
log=$work/run.log

echo "== apply, drift, probe and plan each append one line"
run 1 "$KILTER" apply "$specs" --auto-approve --log "$log"
printf 'changed by hand\n' > "$root/motd"
rm "$root/escape"
printf '%s' "$stolen" > "$root/token"
run 1 "$KILTER" drift "$specs" --log "$log"
contains '~ file "motd" @ box'
run 2 "$KILTER" probe "$specs" --log "$log"
run 1 "$KILTER" plan "$specs" --log "$log"
[ "$(wc -l < "$log")" = 4 ] || fail "4 runs, $(wc -l < "$log") lines: $(cat "$log")"
[ "$(jq -r .command "$log" | tr '\n' ' ')" = "apply drift probe plan " ] ||
  fail "commands: $(jq -r .command "$log")"
jq -e -s 'all(.[]; .log == 1 and (.time | length) > 0 and .duration_seconds >= 0)' "$log" \
  > /dev/null || fail "a line without version, time or duration"
drift=$(sed -n 2p "$log")
jq -e '.exit_status == 1 and (.hosts[] | select(.host == "gone") | .reachable == false)' \
  <<<"$drift" > /dev/null || fail "gone is not unreachable in the drift line: $drift"
jq -e '.hosts[] | select(.host == "box") | .last_apply | length > 0' <<<"$drift" > /dev/null ||
  fail "no last apply of box: $drift"
jq -e '.hosts[].resources[] | select(.address == "file \"motd\" @ box")
       | .status == "drifted" and .cause == "live-changed" and (.diff | length) > 0' \
  <<<"$drift" > /dev/null || fail "motd is not drifted with its diff: $drift"
jq -e '.hosts[].resources[] | select(.address == "health.check \"slow\" @ box")
       | .status == "failed" and .measures.latency_median_seconds > 0.1
         and .measures.latency_target_seconds == 0.1' <<<"$drift" > /dev/null ||
  fail "the slow check is not failed with its latency: $drift"

grep -qF -e "$APP_TOKEN" -e "$stolen" "$log" && fail "a secret or its live value is in the log"
jq -e '.hosts[].resources[] | select(.address == "file \"token\" @ box")
       | .status == "drifted" and .diff == ["content: (sensitive) → (sensitive)"]' \
  <<<"$drift" > /dev/null || fail "the token is not drifted, redacted: $drift"

echo "== runs appending at once write whole lines"
runs=()
for _ in 1 2 3 4; do
  "$KILTER" drift "$specs" --log "$work/parallel.log" > /dev/null 2>&1 &
  runs+=($!)
done
for pid in "${runs[@]}"; do wait "$pid" || true; done
[ "$(wc -l < "$work/parallel.log")" = 4 ] || fail "4 runs, $(wc -l < "$work/parallel.log") lines"
jq -e -s 'length == 4 and all(.[]; .command == "drift")' "$work/parallel.log" > /dev/null ||
  fail "interleaved lines: $(head -c 400 "$work/parallel.log")"

echo "== a log that cannot be written fails the run after the report"
run 1 "$KILTER" drift "$specs" --log "$work/no-such-dir/run.log"
contains '~ file "motd" @ box'
contains "$work/no-such-dir/run.log"

echo "== report html writes one page, escaped"
run 0 "$KILTER" report html "$work/site" --log "$log" "$specs"
contains "Wrote $work/site/index.html"
page=$work/site/index.html
grep -q '<script' "$page" && fail "the page holds a <script>: $(grep -n '<script' "$page")"
grep -qF 'file &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; @ box' "$page" ||
  fail "the <script> resource is not in the page, escaped"
[ "$(ls -A "$work/site")" = index.html ] || fail "left behind: $(ls -A "$work/site")"
grep -qF -e "$APP_TOKEN" -e "$stolen" "$page" && fail "a secret or its live value is in the page"

echo "== headless Chromium: no console error, no request, every host and drift"
python3 "$(dirname "$0")/headless_page.py" "$page" "$shots" || fail "Chromium could not load the page"
[ -s "$shots/console.txt" ] && fail "console errors: $(cat "$shots/console.txt")"
[ "$(cat "$shots/requests.txt")" = "file://$page" ] ||
  fail "requests other than the page: $(cat "$shots/requests.txt")"
for host in box gone; do
  grep -qF "<th scope=\"row\">$host</th>" "$shots/dom.html" || fail "host $host is not in the DOM"
done
for address in 'file "motd" @ box' 'file "token" @ box' 'file "&lt;script&gt;alert(1)&lt;/script&gt;" @ box' \
  'health.check "slow" @ box'; do
  grep -qF "<code class=\"address\">$address</code>" "$shots/dom.html" ||
    fail "$address is not among the drifted resources in the DOM"
done
grep -qF 'gone: ' "$shots/dom.html" || fail "gone's error is not in the DOM"
[ "$(grep -o '<svg class="chart"' "$shots/dom.html" | wc -l)" = 2 ] || fail "not 2 latency charts"
[ "$(head -c 8 "$shots/screenshot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "no PNG screenshot at $shots/screenshot.png"
[ "$(stat -c %s "$shots/screenshot.png")" -gt 10000 ] || fail "the screenshot is nearly empty"

echo "== the same checks catch a page that asks for the network and logs an error"
sed 's|</body>|<img src="http://192.0.2.1/x.png"><script>console.error("from the page")</script></body>|' \
  "$page" > "$work/bad.html"
python3 "$(dirname "$0")/headless_page.py" "$work/bad.html" "$work/bad" || fail "Chromium failed"
grep -q '^http://192.0.2.1/x.png$' "$work/bad/requests.txt" || fail "the request was not seen"
# The page's Content-Security-Policy blocks the script; the block is the error.
grep -q 'inline script' "$work/bad/console.txt" || fail "the console error was not seen"
echo "ok: screenshot in $shots/screenshot.png"
