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

nginx_conf() {  # nginx_conf DIR HTTP_CONTENTS
  mkdir -p "$1/tmp"
  cat > "$1/nginx.conf" <<CONF
worker_processes 2;
pid $1/nginx.pid;
error_log $1/error.log notice;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $1/tmp/body;
  proxy_temp_path $1/tmp/proxy;
  fastcgi_temp_path $1/tmp/fastcgi;
  uwsgi_temp_path $1/tmp/uwsgi;
  scgi_temp_path $1/tmp/scgi;
$2
}
CONF
}

start_nginx() {  # start_nginx DIR
  nginx -p "$1" -c "$1/nginx.conf" -t -q || { echo "bench: nginx config in $1 is invalid" >&2; exit 1; }
  nginx -p "$1" -c "$1/nginx.conf" || { echo "bench: nginx in $1 did not start" >&2; exit 1; }
  for _ in $(seq 50); do [ -s "$1/nginx.pid" ] && return 0; sleep 0.1; done
  echo "bench: nginx in $1 wrote no pid file" >&2
  exit 1
}

stop_nginx() {  # stop_nginx DIR
  [ -s "$1/nginx.pid" ] || return 0
  local pid
  pid=$(cat "$1/nginx.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$1/nginx.pid"
}

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
