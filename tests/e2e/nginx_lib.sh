# nginx servers an e2e test starts itself: its own prefix, loopback ports.
# Sourced after lib.sh by the nginx.* tests.

nginx_conf() {  # $1: dir, $2: http{} contents
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
start_nginx() {  # $1: dir
  nginx -p "$1" -c "$1/nginx.conf" -t -q || fail "nginx config in $1 is invalid"
  nginx -p "$1" -c "$1/nginx.conf" || fail "nginx in $1 did not start"
  for _ in $(seq 50); do [ -s "$1/nginx.pid" ] && return 0; sleep 0.1; done
  fail "nginx in $1 wrote no pid file"
}
stop_nginx() {  # $1: dir
  [ -s "$1/nginx.pid" ] || return 0
  local pid
  pid=$(cat "$1/nginx.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$1/nginx.pid"
}
wait_body() {  # $1: url, $2: body
  for _ in $(seq 50); do
    [ "$(curl -s --max-time 1 "$1")" = "$2" ] && return 0
    sleep 0.1
  done
  fail "$1 does not answer '$2'"
}
