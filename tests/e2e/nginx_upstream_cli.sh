#!/usr/bin/env bash
# nginx.upstream through the real `kilter` binary against an nginx load
# balancer this test starts (its own prefix, loopback ports) in front of two
# backend nginx servers that answer their own name, over the local transport
# and over SSH: weights 3 and 1 share 400 requests 3:1 (within 10 %); a
# second apply and a plan change nothing; drain = true applies with four
# clients running and no failed request, then every request goes to the
# other server; a backend that dies is taken out by max_fails with at most
# one failed request; a configuration nginx accepts at -t but cannot load (a
# listen address another process holds) fails the apply with nginx's words,
# the previous file is back and the old configuration still serves; a
# change to a backend too slow for the health.check it names in checked_by
# fails, the previous file serves again and the plan still shows the
# change; a change whose check passes prints the check's latencies.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nginx_lib.sh"

holder=
slow=
cleanup() {
  for d in "$work"/lb "$work"/b1 "$work"/b2; do stop_nginx "$d"; done
  [ -z "$holder" ] || kill "$holder" 2>/dev/null || true
  [ -z "$slow" ] || kill "$slow" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

chmod 755 "$work"
p1=$(free_port) p2=$(free_port) lb_port=$(free_port)
for b in b1 b2; do
  port=$p1
  [ $b = b2 ] && port=$p2
  nginx_conf "$work/$b" "  server { listen 127.0.0.1:$port; location / { return 200 \"$b\\n\"; } }"
  start_nginx "$work/$b"
  wait_body "http://127.0.0.1:$port/" $b
done
conf_d=$work/lb/conf.d
mkdir -p "$conf_d"
# The upstream is named through a variable, so nginx starts (and -t passes)
# before kilter has written it.
nginx_conf "$work/lb" "  include $conf_d/*.conf;
  server {
    listen 127.0.0.1:$lb_port;
    location / {
      set \$pool pool;
      proxy_pass http://\$pool;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
    }
  }"
start_nginx "$work/lb"
lb="http://127.0.0.1:$lb_port/"
conf=$conf_d/kilter-upstream-pool.conf
nginx_cmd="nginx -p $work/lb -c $work/lb/nginx.conf"

pool() {  # pool DRAIN_B2 [WEIGHT_B1]
  cat > "$specs/lb.kilt" <<KILT
nginx.upstream "pool" on box {
  servers = [
    { address = "127.0.0.1:$p1", weight = ${2:-3}, max_fails = 1, fail_timeout = 30s },
    { address = "127.0.0.1:$p2", weight = 1, max_fails = 1, fail_timeout = 30s, drain = $1 },
  ]
  balance       = "round_robin"
  keepalive     = 8
  drain_timeout = 20s
}
KILT
}
count() {  # count N: N requests through the lb; prints "b1 b2 other"
  local b1=0 b2=0 other=0 body
  for _ in $(seq "$1"); do
    body=$(curl -s --max-time 5 "$lb" || true)
    case "$body" in b1) b1=$((b1 + 1)) ;; b2) b2=$((b2 + 1)) ;; *) other=$((other + 1)) ;; esac
  done
  echo "$b1 $b2 $other"
}
# Four clients through the lb until load_stop, every status code into
# $work/codes.*; counted, not timed, so a busy machine cannot starve a step.
load_start() {
  rm -f "$work"/codes.* "$work/stop"
  for w in 1 2 3 4; do
    (while [ ! -e "$work/stop" ]; do
       curl -s -o /dev/null -w '%{http_code}\n' --max-time 5 "$lb"; done) >> "$work/codes.$w" &
  done
}
requests() { cat "$work"/codes.* 2>/dev/null | wc -l; }
more_requests() {  # more_requests N: waits until N more requests have been answered
  local want=$(( $(requests) + $1 ))
  for _ in $(seq 600); do [ "$(requests)" -ge "$want" ] && return 0; sleep 0.1; done
  fail "fewer than $1 requests were answered in 60s"
}
load_stop() {  # stops the clients, waits for them; sets $total and $bad (not 200)
  touch "$work/stop"
  wait
  total=$(requests)
  bad=$(cat "$work"/codes.* | grep -vc '^200$' || true)
}

for transport in local ssh; do
  echo "=== over $transport"
  rm -f "$conf_d"/*.conf
  $nginx_cmd -s reload
  stop_nginx "$work/b2"
  start_nginx "$work/b2"
  wait_body "http://127.0.0.1:$p2/" b2
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers."nginx.upstream"]
conf_dir = "$conf_d"
nginx = "$nginx_cmd"
TOML

  echo "== create: check, plan, apply; weights 3:1 share 400 requests"
  pool false
  run 0 "$KILTER" check "$specs"
  run 2 "$KILTER" plan "$specs"
  contains '+ nginx.upstream "pool" @ box'
  [ ! -e "$conf" ] || fail "plan wrote $conf"
  run 0 "$KILTER" apply "$specs" --auto-approve
  grep -qF "server 127.0.0.1:$p1 weight=3 max_fails=1 fail_timeout=30s;" "$conf" || fail "$(cat "$conf")"
  read -r b1 b2 other <<<"$(count 400)"
  echo "400 requests: b1 $b1, b2 $b2, failed $other"
  [ "$other" = 0 ] || fail "$other of 400 requests failed"
  [ "$b1" -ge 270 ] && [ "$b1" -le 330 ] || fail "b1 got $b1 of 400, not 300 ± 10 %"
  run 0 "$KILTER" plan "$specs"
  contains 'No changes.'
  before=$(stat -c %Y.%i "$conf")
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ "$before" = "$(stat -c %Y.%i "$conf")" ] || fail "second apply rewrote $conf"

  echo "== kilter import writes the upstream back from kilter's file: nothing to do"
  reimport "$specs/lb.kilt" nginx.upstream box
  grep -qF 'nginx.upstream "pool" on box {' <<<"$imported" || fail "import lacks the pool: $imported"
  grep -qxE ' +fail_timeout += 30s' <<<"$imported" || fail "import lacks fail_timeout in seconds: $imported"

  echo "== drain b2 with four clients running: no failed request, then only b1"
  pool true
  run 2 "$KILTER" plan "$specs"
  contains "drain 127.0.0.1:$p2: wait until nginx holds no connection to it"
  load_start
  more_requests 10
  run 0 "$KILTER" apply "$specs" --auto-approve
  more_requests 10
  load_stop
  echo "requests during the drain: $total, not 200: $bad"
  [ "$bad" = 0 ] || fail "$bad of $total requests failed during the drain"
  grep -qF "server 127.0.0.1:$p2 max_fails=1 fail_timeout=30s down;" "$conf" || fail "$(cat "$conf")"
  [ -z "$(ss -Htn state established dst "127.0.0.1:$p2")" ] || fail "connections to b2 remain"
  read -r b1 b2 other <<<"$(count 40)"
  [ "$b1" = 40 ] || fail "after the drain: b1 $b1, b2 $b2, failed $other of 40"
  run 0 "$KILTER" plan "$specs"
  contains 'No changes.'
  run 0 "$KILTER" plan "$specs" --format json
  contains "127.0.0.1:$p2 is drained: marked down, no established connection to it"

  echo "== b2 back; then it dies: max_fails takes it out, at most one failed request"
  pool false
  run 0 "$KILTER" apply "$specs" --auto-approve
  load_start
  more_requests 10
  stop_nginx "$work/b2"
  more_requests 20
  load_stop
  echo "requests while b2 died: $total, not 200: $bad"
  [ "$bad" -le 1 ] || fail "$bad of $total requests failed after b2 died"
  read -r b1 b2 other <<<"$(count 20)"
  [ "$b1" = 20 ] || fail "with b2 dead: b1 $b1, b2 $b2, failed $other of 20"
  start_nginx "$work/b2"

  echo "== nginx -t passes but the reload cannot load: failed apply, file back, old config serves"
  held=$(free_port)
  python3 -c "import socket, time
s = socket.socket(); s.bind(('127.0.0.1', $held)); s.listen(); time.sleep(120)" &
  holder=$!
  for _ in $(seq 50); do ss -Htln "sport = :$held" | grep -q . && break; sleep 0.1; done
  echo "server { listen 127.0.0.1:$held; return 200 \"other\\n\"; }" > "$conf_d/other.conf"
  before=$(cat "$conf")
  pool false 1
  run 1 "$KILTER" apply "$specs" --auto-approve
  grep -F -A2 'the reload did not take effect' <<<"$out" || true
  contains 'nginx.upstream "pool" @ box'
  contains 'the reload did not take effect'
  contains "bind() to 127.0.0.1:$held failed"
  contains 'the previous files were restored'
  [ "$before" = "$(cat "$conf")" ] || fail "the previous $conf is not back"
  read -r b1 b2 other <<<"$(count 40)"
  [ "$other" = 0 ] && [ "$b1" -ge 25 ] || fail "old configuration (3:1) not serving: b1 $b1, b2 $b2, failed $other"
  kill "$holder"; wait "$holder" 2>/dev/null || true; holder=
  rm -f "$conf_d/other.conf"
  $nginx_cmd -s reload

  echo "== checked_by: a change whose health.check fails puts the previous file back"
  checked() {  # checked ADDRESS
    cat > "$specs/lb.kilt" <<KILT
health.check "pool-api" on box {
  http        = "${lb}api"
  samples     = 3
  max_latency = 200ms
}

nginx.upstream "pool" on box {
  servers    = [{ address = "$1" }]
  checked_by = ["pool-api"]
}
KILT
  }
  # b3 answers /api right, but only after 400 ms; started here, since
  # load_stop waits for every background job.
  p3=$(free_port)
  python3 "$(dirname "$0")/slot_server.py" "$p3" b3 200 400 &
  slow=$!
  for _ in $(seq 50); do [ "$(curl -s "http://127.0.0.1:$p3/health")" = b3 ] && break; sleep 0.1; done
  checked "127.0.0.1:$p3"
  before=$(cat "$conf")
  run 2 "$KILTER" plan "$specs"
  contains 'then run health.check "pool-api"; if one fails, put the previous file back and reload'
  run 1 "$KILTER" apply "$specs" --auto-approve
  contains 'nginx.upstream "pool" @ box: health.check "pool-api" failed after the apply'
  contains "${lb}api is slow: median "
  contains 'target 200 ms'
  contains 'the previous files were restored and nginx serves them'
  [ "$before" = "$(cat "$conf")" ] || fail "the previous $conf is not back"
  read -r b1 b2 other <<<"$(count 20)"
  [ "$other" = 0 ] && [ "$((b1 + b2))" = 20 ] || fail "previous pool not serving: b1 $b1, b2 $b2, other $other"
  run 2 "$KILTER" plan "$specs"
  contains '~ nginx.upstream "pool" @ box'
  checked "127.0.0.1:$p1"
  run 0 "$KILTER" apply "$specs" --auto-approve
  contains 'nginx.upstream "pool" @ box: passed health.check "pool-api"'
  contains "(${lb}api): median "
  read -r b1 b2 other <<<"$(count 10)"
  [ "$b1" = 10 ] || fail "after the checked change: b1 $b1, b2 $b2, other $other of 10"
  kill "$slow"; wait "$slow" 2>/dev/null || true; slow=

  echo "== removed from the specs: only kilter's file goes"
  echo "upstream other { server 127.0.0.1:1; }" > "$conf_d/other.conf"
  echo "# no upstreams any more" > "$specs/lb.kilt"
  run 2 "$KILTER" plan "$specs"
  contains '- nginx.upstream "pool" @ box'
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ ! -e "$conf" ] || fail "$conf survived the delete"
  [ -e "$conf_d/other.conf" ] || fail "the delete removed a file kilter does not own"
done
echo "PASS"
