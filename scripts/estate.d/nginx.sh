#!/usr/bin/env bash
# Test estate service "nginx": a load balancer on 127.0.0.1:BASE+80 whose
# http{} includes conf.d/*.conf (where kilter's bluegreen.service provider
# writes its upstream files), and two backend slots served by a second nginx:
# blue on BASE+81 and green on BASE+82. Each slot answers /health and / with
# its own name; creating the file $ESTATE_DIR/nginx/SLOT.down makes its
# health path answer 503, so tests can break a slot at will. A second
# frontend on BASE+83 is miswired on purpose: it always proxies to blue,
# whatever kilter's upstream says (a switch checked through it must roll back).
set -euo pipefail
dir=$ESTATE_DIR/nginx
lb_port=$((ESTATE_PORT_BASE + 80))
blue_port=$((ESTATE_PORT_BASE + 81))
green_port=$((ESTATE_PORT_BASE + 82))
stuck_port=$((ESTATE_PORT_BASE + 83))

common_conf() {  # $1: instance directory
  cat <<CONF
worker_processes 2;
pid $1/nginx.pid;
error_log $1/error.log notice;
events { worker_connections 1024; }
CONF
}

temp_paths() {  # $1: instance directory
  cat <<CONF
  client_body_temp_path $1/tmp/body;
  proxy_temp_path $1/tmp/proxy;
  fastcgi_temp_path $1/tmp/fastcgi;
  uwsgi_temp_path $1/tmp/uwsgi;
  scgi_temp_path $1/tmp/scgi;
  access_log $1/access.log;
CONF
}

slot_server() {  # $1: slot name, $2: port
  cat <<CONF
  server {
    listen 127.0.0.1:$2;
    location = /health {
      if (-f $dir/$1.down) { return 503 "$1 down\n"; }
      return 200 "$1\n";
    }
    location / { return 200 "$1\n"; }
  }
CONF
}

write_configs() {
  mkdir -p "$dir/lb/conf.d" "$dir/lb/tmp" "$dir/backends/tmp"
  {
    common_conf "$dir/backends"
    echo "http {"
    temp_paths "$dir/backends"
    slot_server blue "$blue_port"
    slot_server green "$green_port"
    echo "}"
  } > "$dir/backends/nginx.conf"
  # The load balancer proxies to the upstream named by a variable, so nginx
  # starts (and `nginx -t` passes) before kilter has written the upstream;
  # once conf.d/ defines `upstream storefront`, requests go to its servers.
  {
    common_conf "$dir/lb"
    echo "http {"
    temp_paths "$dir/lb"
    echo "  include $dir/lb/conf.d/*.conf;"
    cat <<CONF
  server {
    listen 127.0.0.1:$lb_port;
    location / {
      set \$service storefront;
      proxy_pass http://\$service;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
  server {
    listen 127.0.0.1:$stuck_port;
    location / { proxy_pass http://127.0.0.1:$blue_port; }
  }
}
CONF
  } > "$dir/lb/nginx.conf"
}

start() {  # $1: instance
  local conf=$dir/$1/nginx.conf
  nginx -p "$dir/$1" -c "$conf" -t -q || { echo "estate nginx: $1 config invalid" >&2; exit 1; }
  nginx -p "$dir/$1" -c "$conf"
  for _ in $(seq 50); do
    [ -s "$dir/$1/nginx.pid" ] && kill -0 "$(cat "$dir/$1/nginx.pid")" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "estate nginx: $1 did not start; see $dir/$1/error.log" >&2
  exit 1
}

stop() {  # $1: instance
  local pidfile=$dir/$1/nginx.pid
  [ -s "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  kill -QUIT "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

wait_http() {  # $1: url, $2: expected body
  for _ in $(seq 50); do
    [ "$(curl -s --max-time 1 "$1")" = "$2" ] && return 0
    sleep 0.1
  done
  echo "estate nginx: $1 does not answer '$2'" >&2
  exit 1
}

case "$1" in
  up)
    "$0" down >/dev/null 2>&1 || true
    rm -f "$dir/blue.down" "$dir/green.down"
    write_configs
    start backends
    start lb
    wait_http "http://127.0.0.1:$blue_port/health" blue
    wait_http "http://127.0.0.1:$green_port/health" green
    cat > "$ESTATE_DIR/nginx.env" <<ENV
NGINX_LB_PORT=$lb_port
NGINX_BLUE_PORT=$blue_port
NGINX_GREEN_PORT=$green_port
NGINX_STUCK_PORT=$stuck_port
NGINX_CONF_DIR=$dir/lb/conf.d
NGINX_CMD=nginx -p $dir/lb -c $dir/lb/nginx.conf
NGINX_PID_FILE=$dir/lb/nginx.pid
NGINX_ERROR_LOG=$dir/lb/error.log
NGINX_BLUE_DOWN=$dir/blue.down
NGINX_GREEN_DOWN=$dir/green.down
ENV
    echo "estate nginx: lb on $lb_port, blue on $blue_port, green on $green_port"
    ;;
  down)
    stop lb
    stop backends
    rm -f "$ESTATE_DIR/nginx.env"
    ;;
  status)
    for i in lb backends; do
      if [ -s "$dir/$i/nginx.pid" ] && kill -0 "$(cat "$dir/$i/nginx.pid")" 2>/dev/null; then
        echo "nginx $i: running"
      else
        echo "nginx $i: stopped"
      fi
    done
    ;;
esac
