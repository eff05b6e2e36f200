# shellcheck shell=bash
# The benchmark's inventory and specs (sourced by run.sh): one host "edge"
# reached locally or over the estate's sshd, one spec-writing function per
# resource type.

inventory() {  # inventory local|ssh
  if [ "$1" = ssh ]; then
    cat <<TOML
[hosts.edge]
address = "$SSH_HOST"
port = $SSH_PORT
user = "$SSH_USER"
identity = "$SSH_IDENTITY"

[ssh]
known_hosts = "$SSH_KNOWN_HOSTS"
TOML
  else
    printf '[hosts.edge]\ntransport = "local"\n'
  fi
  cat <<TOML

[providers.kilter]
state_dir = "$work/state"

[providers."nginx.upstream"]
conf_dir = "$conf_d"
nginx = "$nginx_cmd"

[providers."nginx.rate_limit"]
conf_dir = "$conf_d"
snippet_dir = "$snippets"
nginx = "$nginx_cmd"

[providers."tls.certificate"]
conf_dir = "$conf_d"
cert_dir = "$tls_dir"
nginx = "$nginx_cmd"
TOML
}

# 20 pools of the two backends, with the balancing methods a shop uses.
spec_upstreams() {
  local i balance
  for i in $(seq 1 20); do
    case $((i % 4)) in
      0) balance="round_robin" ;;
      1) balance="least_conn" ;;
      2) balance="ip_hash" ;;
      3) balance="hash \$request_uri consistent" ;;
    esac
    cat <<KILT

nginx.upstream "pool-$i" on edge {
  servers = [
    { address = "127.0.0.1:$b1", weight = $((1 + i % 3)), max_fails = 2, fail_timeout = 30s },
    { address = "127.0.0.1:$b2", weight = 1, max_fails = 2, fail_timeout = 30s },
  ]
  balance   = "$balance"
  keepalive = 16
}
KILT
  done
}

# 10 limits, one per /apiN/ location of the load balancer.
spec_rate_limits() {
  local i
  for i in $(seq 1 10); do
    cat <<KILT

nginx.rate_limit "api-$i" on edge {
  zone_key    = "\$binary_remote_addr"
  rate        = "$((5 * i))r/s"
  burst       = $((10 * i))
  nodelay     = true
  status      = 429
  locations   = ["/api$i/"]
  connections = $((20 + i))
  allow       = [127.0.0.2/32]
}
KILT
  done
}

# 5 certificates, one per TLS site of the load balancer, on one port told
# apart by SNI: the first is the port's default server.
spec_certificates() {
  local name default=true
  for name in $cert_names; do
    cat <<KILT

tls.certificate "$name" on edge {
  certificate    = file("$certs/$name.pem")
  key            = file("$certs/$name.key")
  server_names   = ["$name"]
  listen         = $tls_port
  default_server = $default
  protocols      = ["TLSv1.2", "TLSv1.3"]
  renew_before   = 21d
}
KILT
    default=false
  done
}

specs() {
  spec_upstreams
  spec_rate_limits
  spec_certificates
}
