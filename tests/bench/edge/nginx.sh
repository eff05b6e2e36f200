# shellcheck shell=bash
# The benchmark's nginx (sourced by run.sh, which sets $work): a load
# balancer with its own prefix in $lb, HTTP on ESTATE_PORT_BASE+110 with the
# 10 rate-limited locations (TLS on +111 is kilter's: 5 tls.certificate
# server blocks told apart by SNI), the 5 sites' certificates, and a backend
# nginx on +112 and +113 that the 20 upstreams point at.

lb=$work/lb
conf_d=$lb/conf.d
snippets=$lb/snippets
certs=$work/certs
tls_dir=$lb/tls
backend=$work/backend
http_port=$((ESTATE_PORT_BASE + 110))
tls_port=$((ESTATE_PORT_BASE + 111))
b1=$((ESTATE_PORT_BASE + 112))
b2=$((ESTATE_PORT_BASE + 113))
nginx_cmd="nginx -p $lb -c $lb/nginx.conf"
# The 5 sites the TLS server blocks serve, one certificate each.
cert_names="shop.example api.shop.example admin.shop.example static.shop.example marketplace.shop.example"

# nginx_conf, start_nginx and stop_nginx: the e2e tests' own (their
# failures through `fail`).
fail() { echo "bench: $*" >&2; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/../../e2e/nginx_lib.sh"

# make_certs: a key and a self-signed certificate (90 days) per site.
make_certs() {
  local name
  mkdir -p "$certs"
  for name in $cert_names; do
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 90 \
      -subj "/CN=$name" -addext "subjectAltName=DNS:$name" \
      -keyout "$certs/$name.key" -out "$certs/$name.pem" 2>/dev/null ||
      { echo "bench: openssl could not make the certificate of $name" >&2; exit 1; }
  done
  chmod 600 "$certs"/*.key
}

# lb_conf [snippets]: the load balancer; with "snippets", each /apiN/
# location includes its rate limit's snippet (which must exist by then).
lb_conf() {
  local i include locations=""
  for i in $(seq 1 10); do
    include=""
    [ "${1:-}" != snippets ] || include="include snippets/kilter-rate-limit-api-$i.conf;"
    locations+="
    location /api$i/ {
      $include
      proxy_pass http://127.0.0.1:$b1;
    }"
  done
  nginx_conf "$lb" "  include $conf_d/*.conf;
  server {
    listen 127.0.0.1:$http_port;$locations
  }"
}

start_servers() {
  mkdir -p "$conf_d" "$snippets"
  nginx_conf "$backend" "  server { listen 127.0.0.1:$b1; listen 127.0.0.1:$b2; location / { return 200 \"backend\\n\"; } }"
  start_nginx "$backend"
  make_certs
  mkdir -p "$tls_dir"
  lb_conf
  start_nginx "$lb"
}
