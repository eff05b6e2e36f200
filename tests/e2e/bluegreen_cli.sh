#!/usr/bin/env bash
# bluegreen.service through the real `kilter` binary against the estate's
# nginx: plan shows the switch with both slots' health, apply switches with a
# load running and no failed request, a saved plan applies, a refused switch
# changes nothing (exit 1), a switch nginx refuses at reload (a listen
# address another process holds) fails with nginx's words and the previous
# file back and serving, a hand edit is drift, and removing the resource
# deletes kilter's file only. A slot's servers carry nginx.upstream's
# attributes (weight, max_fails rendered); a switch whose health.check named
# in checked_by fails (the new slot's API answers 500) switches back, the
# previous slot serves again and the switch is still planned; one whose check
# passes prints its latencies; a switch waits until the previous slot holds
# no connection, while a request held open through it completes.
. "$(dirname "$0")/lib.sh"
load_env nginx
lb="http://127.0.0.1:$NGINX_LB_PORT"
conf=$NGINX_CONF_DIR/kilter-storefront.conf
rm -f "$NGINX_CONF_DIR"/*.conf "$NGINX_BLUE_DOWN" "$NGINX_GREEN_DOWN"
$NGINX_CMD -s reload

inventory local
cat >> "$specs/kilter.toml" <<TOML

[providers."bluegreen.service"]
conf_dir = "$NGINX_CONF_DIR"
nginx = "$NGINX_CMD"
TOML
service() {  # service ACTIVE
  cat > "$specs/lb.kilt" <<KILT
bluegreen.service "storefront" on box {
  slots    = { blue = [{ address = "127.0.0.1:$NGINX_BLUE_PORT", weight = 2, max_fails = 3 }], green = [{ address = "127.0.0.1:$NGINX_GREEN_PORT" }] }
  versions = { blue = "blue", green = "green" }  # the backends answer with their slot name
  active   = "$1"
  frontend = "$lb"
  health   = { path = "/health", status = 200, timeout = 2s, attempts = 3, interval = 200ms }
}
KILT
}

echo "== create: plan, apply, plan empty, a second apply changes nothing"
service blue
run 2 "$KILTER" plan "$specs"
contains '+ bluegreen.service "storefront" @ box'
[ ! -e "$conf" ] || fail "plan wrote $conf"
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$(curl -s "$lb/")" = blue ] || fail "lb does not serve blue"
grep -qF "server 127.0.0.1:$NGINX_BLUE_PORT weight=2 max_fails=3 fail_timeout=10s;" "$conf" ||
  fail "the blue server's attributes are not rendered: $(cat "$conf")"
run 0 "$KILTER" plan "$specs"
contains 'No changes.'
before=$(stat -c %Y.%i "$conf")
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$before" = "$(stat -c %Y.%i "$conf")" ] || fail "second apply rewrote $conf"

echo "== the plan shows the switch and both slots' health"
service green
run 2 "$KILTER" plan "$specs" -o "$work/plan.json"
contains '~ bluegreen.service "storefront" @ box'
contains 'switch storefront: blue → green'
contains "slot blue (live): 127.0.0.1:$NGINX_BLUE_PORT healthy"
contains "slot green (target): 127.0.0.1:$NGINX_GREEN_PORT healthy"
run 2 "$KILTER" plan "$specs" --format markdown
contains 'bluegreen.service'

echo "== the saved plan applies with four clients running: no failed request"
codes=$work/codes
for w in 1 2 3 4; do
  (end=$((SECONDS + 4)); while [ $SECONDS -lt $end ]; do
     curl -s -o /dev/null -w '%{http_code}\n' --max-time 5 "$lb/"; done) >> "$codes.$w" &
done
sleep 1
run 0 "$KILTER" apply "$work/plan.json"
wait
total=$(cat "$codes".* | wc -l)
bad=$(cat "$codes".* | grep -vc '^200$' || true)
echo "requests during the switch: $total, not 200: $bad"
[ "$total" -gt 20 ] || fail "only $total requests ran through the switch"
[ "$bad" = 0 ] || fail "$bad of $total requests failed during the switch"
[ "$(curl -s "$lb/")" = green ] || fail "lb does not serve green"
run 0 "$KILTER" drift "$specs"

echo "== a switch to an unhealthy slot is refused at plan time; nothing changes"
touch "$NGINX_BLUE_DOWN"
service blue
before=$(cat "$conf")
run 1 "$KILTER" apply "$specs" --auto-approve
contains 'refusing to make slot blue live'
[ "$before" = "$(cat "$conf")" ] || fail "a refused switch changed $conf"
[ "$(curl -s "$lb/")" = green ] || fail "a refused switch changed what lb serves"
rm -f "$NGINX_BLUE_DOWN"

echo "== a switch nginx accepts at -t but refuses at reload fails; the previous file serves"
held=$(free_port)
python3 -c "import socket, time
s = socket.socket(); s.bind(('127.0.0.1', $held)); s.listen(); time.sleep(120)" &
holder=$!
trap 'kill "$holder" 2>/dev/null || true; rm -f "$NGINX_CONF_DIR/held.conf"; rm -rf "$work"' EXIT
for _ in $(seq 50); do ss -Htln "sport = :$held" | grep -q . && break; sleep 0.1; done
echo "server { listen 127.0.0.1:$held; return 200 \"held\\n\"; }" > "$NGINX_CONF_DIR/held.conf"
service blue
before=$(cat "$conf")
run 1 "$KILTER" apply "$specs" --auto-approve
contains 'bluegreen.service "storefront" @ box: the reload did not take effect'
contains "bind() to 127.0.0.1:$held failed"
contains 'the previous files were restored'
[ "$before" = "$(cat "$conf")" ] || fail "the previous $conf is not back"
[ "$(curl -s "$lb/")" = green ] || fail "a refused reload changed what lb serves"
kill "$holder"; wait "$holder" 2>/dev/null || true
rm -f "$NGINX_CONF_DIR/held.conf"
$NGINX_CMD -s reload

echo "== a hand edit of kilter's file is drift (exit 2); apply puts it back"
service green
sed -i "s/$NGINX_GREEN_PORT/$NGINX_BLUE_PORT/" "$conf"
$NGINX_CMD -s reload
run 2 "$KILTER" drift "$specs"
contains 'bluegreen.service "storefront" @ box'
run 0 "$KILTER" apply "$specs" --auto-approve
run 0 "$KILTER" drift "$specs"
[ "$(curl -s "$lb/")" = green ] || fail "apply did not restore green"

echo "== kilter import writes the service back from kilter's file: nothing to do"
reimport "$specs/lb.kilt" bluegreen.service box
grep -qF 'bluegreen.service "storefront" on box {' <<<"$imported" || fail "import lacks storefront: $imported"
grep -qE '^  active += "green"$' <<<"$imported" || fail "import lacks the active slot: $imported"

echo "== checked_by: a health.check that fails after the reload switches back to the live slot"
# Slot red looks healthy to its own check (/health answers 200 red) but its
# API answers 500: only the health.check through the frontend sees it.
red=$(free_port)
python3 "$(dirname "$0")/slot_server.py" "$red" red 500 &
red_pid=$!
trap 'kill "$red_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ "$(curl -s "http://127.0.0.1:$red/health")" = red ] && break; sleep 0.1; done
checked() {  # checked ACTIVE
  cat > "$specs/lb.kilt" <<KILT
health.check "storefront-api" on box {
  http        = "$lb/api"
  samples     = 3
  max_latency = 1s
}

bluegreen.service "storefront" on box {
  slots      = { blue = [{ address = "127.0.0.1:$NGINX_BLUE_PORT" }], green = [{ address = "127.0.0.1:$NGINX_GREEN_PORT" }], red = [{ address = "127.0.0.1:$red" }] }
  versions   = { blue = "blue", green = "green", red = "red" }
  active     = "$1"
  frontend   = "$lb"
  health     = { path = "/health", status = 200, timeout = 2s, attempts = 3, interval = 200ms }
  checked_by = ["storefront-api"]
}
KILT
}
checked red
run 0 "$KILTER" check "$specs"
run 2 "$KILTER" plan "$specs"
contains 'switch storefront: green → red'
contains 'then run health.check "storefront-api"; if one fails, switch back to green (proven)'
run 1 "$KILTER" apply "$specs" --auto-approve
contains 'health.check "storefront-api" failed after the apply'
contains "$lb/api: answered 500, expected 200 (3 samples)"
contains 'switched back: slot green serves again'
[ "$(curl -s "$lb/")" = green ] || fail "after the failed check, lb does not serve green again"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$lb/api")" = 200 ] || fail "lb/api fails after the switch back"
run 2 "$KILTER" plan "$specs"
contains 'switch storefront: green → red'

echo "== checked_by: a switch whose health.check passes reports its latencies"
checked blue
run 0 "$KILTER" apply "$specs" --auto-approve
contains 'after switching to blue: passed health.check "storefront-api"'
contains "($lb/api): median "
contains ' over 3 samples'
[ "$(curl -s "$lb/")" = blue ] || fail "lb does not serve blue"
run 0 "$KILTER" plan "$specs"
contains 'No changes.'

echo "== a switch drains the previous slot: a request held open through it completes"
drained() {  # drained ACTIVE
  cat > "$specs/lb.kilt" <<KILT
bluegreen.service "storefront" on box {
  slots         = { blue = [{ address = "127.0.0.1:$NGINX_BLUE_PORT" }], red = [{ address = "127.0.0.1:$red", max_fails = 2 }] }
  versions      = { blue = "blue", red = "red" }
  active        = "$1"
  frontend      = "$lb"
  health        = { path = "/health", status = 200, timeout = 2s, attempts = 3, interval = 200ms }
  drain_timeout = 20s
}
KILT
}
drained red
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$(curl -s "$lb/")" = red ] || fail "lb does not serve red"
curl -s --max-time 20 "$lb/hold?s=3" > "$work/held" &
held=$!
for _ in $(seq 50); do ss -Htn state established dst "127.0.0.1:$red" | grep -q . && break; sleep 0.1; done
ss -Htn state established dst "127.0.0.1:$red" | grep -q . || fail "the held request did not reach red"
drained blue
run 2 "$KILTER" plan "$specs"
contains "drain 127.0.0.1:$red: wait until nginx holds no connection to it (at most 20s)"
started=$(date +%s%N)
run 0 "$KILTER" apply "$specs" --auto-approve
took=$(( ($(date +%s%N) - started) / 1000000 ))
wait "$held" || fail "the request held open through the switch failed"
[ "$(cat "$work/held")" = red ] || fail "the held request answered '$(cat "$work/held")', not red"
echo "the switch took $took ms while a 3 s request held red"
[ -z "$(ss -Htn state established dst "127.0.0.1:$red")" ] || fail "connections to red remain after apply"
[ "$(curl -s "$lb/")" = blue ] || fail "lb does not serve blue after the drained switch"
kill "$red_pid"; wait "$red_pid" 2>/dev/null || true

echo "== removed from the specs: planned as a delete, only kilter's file goes"
echo "upstream other { server 127.0.0.1:1; }" > "$NGINX_CONF_DIR/other.conf"
echo "# no services any more" > "$specs/lb.kilt"
run 2 "$KILTER" plan "$specs"
contains '- bluegreen.service "storefront" @ box'
run 0 "$KILTER" apply "$specs" --auto-approve
[ ! -e "$conf" ] || fail "$conf survived the delete"
[ -e "$NGINX_CONF_DIR/other.conf" ] || fail "the delete removed a file kilter does not own"
rm -f "$NGINX_CONF_DIR/other.conf"
$NGINX_CMD -s reload
echo "PASS"
