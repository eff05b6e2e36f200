#!/usr/bin/env bash
# nginx.rate_limit through the real `kilter` binary against an nginx this
# test starts (its own prefix, loopback ports) in front of a backend nginx,
# over the local transport and over SSH: a plan says when the location does
# not include the snippet; 5r/s with burst 0 on /api/: of 50 immediate
# requests from 127.0.0.3 at most 1 + 5 per second the burst lasted are
# allowed, the rest get 429; /shop/ is not limited; 127.0.0.2 (allowed) is
# never limited; the limit survives a restart of nginx and a plan then has
# nothing to do; a hand edit of the snippet is drift and apply puts it
# back; a zone key nginx refuses fails the apply with nginx's words
# and the previous files back; removed from the specs, both files go.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nginx_lib.sh"

cleanup() {
  for d in "$work"/lb "$work"/backend; do stop_nginx "$d"; done
  rm -rf "$work"
}
trap cleanup EXIT

chmod 755 "$work"
pb=$(free_port) lb_port=$(free_port)
nginx_conf "$work/backend" "  server { listen 127.0.0.1:$pb; location / { return 200 \"backend\\n\"; } }"
start_nginx "$work/backend"
wait_body "http://127.0.0.1:$pb/" backend
conf_d=$work/lb/conf.d
snippets=$work/lb/snippets
mkdir -p "$conf_d" "$snippets"
snippet=$snippets/kilter-rate-limit-api.conf
zones=$conf_d/kilter-rate-limit-api.conf
lb_conf() {  # lb_conf INCLUDE_LINE: the lb, /api/ holding INCLUDE_LINE
  nginx_conf "$work/lb" "  include $conf_d/*.conf;
  server {
    listen 127.0.0.1:$lb_port;
    location /api/ {
      $1
      proxy_pass http://127.0.0.1:$pb;
    }
    location /shop/ { proxy_pass http://127.0.0.1:$pb; }
  }"
}
lb_conf ""
start_nginx "$work/lb"
wait_body "http://127.0.0.1:$lb_port/shop/" backend
nginx_cmd="nginx -p $work/lb -c $work/lb/nginx.conf"

limit() {  # limit ZONE_KEY
  cat > "$specs/lb.kilt" <<KILT
nginx.rate_limit "api" on box {
  zone_key  = "$1"
  rate      = "5r/s"
  burst     = 0
  status    = 429
  locations = ["/api/"]
  allow     = [127.0.0.2/32]
}
KILT
}
# burst SOURCE PATH: 50 requests at once from SOURCE (one curl, 50 parallel
# connections: 50 curl processes take seconds to start on a busy machine);
# sets $ok (200), $limited (429), $other, and $bound: the most nginx may
# allow. With burst 0, nginx admits a key's request only when 1/rate (200
# ms at 5r/s) has passed since the last one it admitted (its leaky bucket
# holds no excess), so over the T seconds the burst lasted (first start to
# last answer, an upper bound of the arrivals' spread) at most 1 +
# floor(5 * T) are admitted: 1 when the 50 arrive within 200 ms, 2 within
# 400 ms.
burst() {
  local t0 t1 args=()
  for _ in $(seq 50); do args+=(-o /dev/null "http://127.0.0.1:$lb_port$2"); done
  t0=$(date +%s%N)
  codes=$(curl -s --no-progress-meter -Z --parallel-immediate --parallel-max 50 --max-time 10 \
    --interface "$1" -w '%{http_code}\n' "${args[@]}")
  t1=$(date +%s%N)
  ok=$(grep -c '^200$' <<<"$codes" || true)
  limited=$(grep -c '^429$' <<<"$codes" || true)
  other=$((50 - ok - limited))
  bound=$((1 + 5 * (t1 - t0) / 1000000000))
  echo "50 requests from $1 to $2 in $(( (t1 - t0) / 1000000 )) ms: 200 $ok, 429 $limited, other $other (at most $bound allowed)"
}
limited_api() {  # the limit holds on /api/ from 127.0.0.3
  sleep 1  # the bucket of earlier requests has drained
  burst 127.0.0.3 /api/
  [ "$other" = 0 ] || fail "$other of 50 requests got neither 200 nor 429"
  [ "$ok" -ge 1 ] && [ "$ok" -le "$bound" ] || fail "$ok of 50 allowed, not 1..$bound at 5r/s"
  [ "$limited" -gt 25 ] || fail "only $limited of 50 requests were limited"
}

for transport in local ssh; do
  echo "=== over $transport"
  rm -f "$conf_d"/*.conf "$snippets"/*.conf
  lb_conf ""
  $nginx_cmd -s reload
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers."nginx.rate_limit"]
conf_dir = "$conf_d"
snippet_dir = "$snippets"
nginx = "$nginx_cmd"
TOML

  echo "== create: check, plan, apply; the plan says /api/ does not include the snippet"
  limit '$binary_remote_addr'
  run 0 "$KILTER" check "$specs"
  run 2 "$KILTER" plan "$specs"
  contains '+ nginx.rate_limit "api" @ box'
  contains "\`location /api/\` in $work/lb/nginx.conf does not include $snippet"
  [ ! -e "$zones" ] || fail "plan wrote $zones"
  run 0 "$KILTER" apply "$specs" --auto-approve
  grep -qF 'limit_req_zone $kilter_rl_api zone=kilter_rl_api:10m rate=5r/s;' "$zones" || fail "$(cat "$zones")"
  grep -qF 'limit_req zone=kilter_rl_api;' "$snippet" || fail "$(cat "$snippet")"
  run 2 "$KILTER" drift "$specs"
  contains "does not include $snippet"

  echo "== the location includes the snippet: plan is empty, the burst is limited"
  lb_conf "include snippets/kilter-rate-limit-api.conf;"
  $nginx_cmd -s reload
  wait_body "http://127.0.0.1:$lb_port/shop/" backend
  run 0 "$KILTER" plan "$specs"
  contains 'No changes.'
  run 0 "$KILTER" drift "$specs"
  limited_api
  burst 127.0.0.3 /shop/
  [ "$ok" = 50 ] || fail "/shop/ is limited: $ok of 50 allowed"
  burst 127.0.0.2 /api/
  [ "$ok" = 50 ] || fail "the allowed source 127.0.0.2 is limited: $ok of 50 allowed"
  before=$(stat -c %Y.%i "$zones" "$snippet")
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ "$before" = "$(stat -c %Y.%i "$zones" "$snippet")" ] || fail "a second apply rewrote the files"

  echo "== kilter import writes the limit back from kilter's zone file: nothing to do"
  reimport "$specs/lb.kilt" nginx.rate_limit box
  grep -qF 'nginx.rate_limit "api" on box {' <<<"$imported" || fail "import lacks the limit: $imported"
  grep -qxE '  zone_size += 10MiB' <<<"$imported" || fail "import lacks zone_size in MiB: $imported"

  echo "== nginx restarts: the limit stays, plan has nothing to do"
  stop_nginx "$work/lb"
  start_nginx "$work/lb"
  wait_body "http://127.0.0.1:$lb_port/shop/" backend
  limited_api
  run 0 "$KILTER" plan "$specs"
  contains 'No changes.'

  echo "== a hand edit of the snippet is drift; apply puts it back"
  sed -i 's/^limit_req_status 429;/limit_req_status 503;/' "$snippet"
  run 2 "$KILTER" drift "$specs"
  run 2 "$KILTER" plan "$specs" --format json
  contains "$snippet was edited on the host"
  run 0 "$KILTER" apply "$specs" --auto-approve
  grep -qx 'limit_req_status 429;' "$snippet" || fail "apply did not put the snippet back"
  run 0 "$KILTER" plan "$specs"

  echo "== a zone key nginx refuses: failed apply in nginx's words, previous files back"
  zones_before=$(cat "$zones") snippet_before=$(cat "$snippet")
  limit '$kilter_no_such_variable'
  run 0 "$KILTER" check "$specs"
  run 1 "$KILTER" apply "$specs" --auto-approve
  contains 'nginx.rate_limit "api" @ box'
  contains 'unknown "kilter_no_such_variable" variable'
  contains 'the previous files were restored'
  [ "$zones_before" = "$(cat "$zones")" ] || fail "the previous $zones is not back"
  [ "$snippet_before" = "$(cat "$snippet")" ] || fail "the previous $snippet is not back"
  limited_api

  echo "== removed from the specs (and from the location): both files go"
  limit '$binary_remote_addr'
  lb_conf ""
  $nginx_cmd -s reload
  echo "# no rate limits any more" > "$specs/lb.kilt"
  run 2 "$KILTER" plan "$specs"
  contains '- nginx.rate_limit "api" @ box'
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ ! -e "$zones" ] && [ ! -e "$snippet" ] || fail "a file of the rate limit survived the delete"
  burst 127.0.0.3 /api/
  [ "$ok" = 50 ] || fail "/api/ is still limited after the delete: $ok of 50 allowed"
done
echo "PASS"
