#!/usr/bin/env bash
# Test estate service "netns": a test host for the firewall provider that
# lives in a network namespace this script creates, so nftables rules are
# only ever loaded there, never into the machine's own ruleset.
#
#   namespace  kfw$ESTATE_PORT_BASE, loopback up
#   veth pair  kfw${BASE}h (root side, .2) <-> kfw${BASE}n (inside, .1) on a
#              private /30 derived from the port base, so two estates differ
#   sshd       OpenSSH running INSIDE the namespace on the inner address, port
#              BASE+24, with its own host key, client key and known_hosts under
#              $ESTATE_DIR/netns/: reachable from the root namespace through the
#              veth, so a ruleset that blocks it really locks kilter out.
#
# `down` stops only the sshd it started (pid file) and deletes only the
# namespace and veth it created (recorded in $ESTATE_DIR/netns/created).
set -euo pipefail
dir=$ESTATE_DIR/netns
base=$ESTATE_PORT_BASE
ns=kfw$base
veth_root=kfw${base}h
veth_ns=kfw${base}n
port=$((base + 24))
pidfile=$dir/sshd.pid
created=$dir/created

# A /30 in 10.200.0.0/16 picked by the port base: .1 inside, .2 outside.
slot=$(( (base / 10) % 16384 ))
net=$(( slot * 4 ))
prefix="10.200.$(( net / 256 )).$(( net % 256 ))"
inner="10.200.$(( net / 256 )).$(( net % 256 + 1 ))"
outer="10.200.$(( net / 256 )).$(( net % 256 + 2 ))"

in_ns() { ip netns exec "$ns" "$@"; }

# shellcheck source=sshd.lib
. "$(dirname "$0")/sshd.lib"

write_files() {
  mkdir -p "$dir"
  estate_keygen "$dir/ssh_host_ed25519_key" ed25519
  estate_keygen "$dir/client_ed25519" ed25519
  cp "$dir/client_ed25519.pub" "$dir/authorized_keys"
  chmod 600 "$dir/ssh_host_ed25519_key" "$dir/client_ed25519"
  echo "[$inner]:$port $(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" > "$dir/known_hosts"
  {
    printf 'Port %s\nListenAddress %s\nHostKey %s\n' "$port" "$inner" "$dir/ssh_host_ed25519_key"
    estate_sshd_config "$dir" "$pidfile" 100
  } > "$dir/sshd_config"
}

running() { estate_sshd_running "$pidfile"; }

ssh_in() {
  ssh -n -p "$port" -i "$dir/client_ed25519" -o BatchMode=yes -o IdentitiesOnly=yes \
    -o ConnectTimeout=3 -o UserKnownHostsFile="$dir/known_hosts" -o StrictHostKeyChecking=yes \
    "$(id -un)@$inner" "$@"
}

up() {
  down >/dev/null 2>&1 || true
  write_files
  : > "$created"
  ip netns add "$ns"
  echo "netns $ns" >> "$created"
  in_ns ip link set lo up
  ip link add "$veth_root" type veth peer name "$veth_ns"
  echo "veth $veth_root" >> "$created"
  ip link set "$veth_ns" netns "$ns"
  ip addr add "$outer/30" dev "$veth_root"
  ip link set "$veth_root" up
  in_ns ip addr add "$inner/30" dev "$veth_ns"
  in_ns ip link set "$veth_ns" up
  [ -d /run/sshd ] || mkdir -p -m 0755 /run/sshd
  /usr/sbin/sshd -t -f "$dir/sshd_config" || { echo "estate netns: sshd config invalid" >&2; exit 1; }
  : > "$dir/sshd.log"
  in_ns /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
  for _ in $(seq 50); do
    running && ssh_in true 2>/dev/null && break
    sleep 0.1
  done
  running || { echo "estate netns: sshd did not start; see $dir/sshd.log" >&2; cat "$dir/sshd.log" >&2; exit 1; }
  ssh_in true || { echo "estate netns: cannot log in to $inner:$port" >&2; exit 1; }
  # The sshd must see kilter's address as the veth's outer end.
  [ "$(ssh_in 'echo $SSH_CONNECTION' | cut -d' ' -f1)" = "$outer" ] \
    || { echo "estate netns: unexpected SSH_CONNECTION inside $ns" >&2; exit 1; }
  in_ns nft list ruleset >/dev/null || { echo "estate netns: nft does not run in $ns" >&2; exit 1; }
  cat > "$ESTATE_DIR/netns.env" <<ENV
NETNS=$ns
NETNS_NFT=ip netns exec $ns nft
NETNS_PREFIX=$prefix/30
NETNS_SSH_HOST=$inner
NETNS_SSH_PORT=$port
NETNS_SSH_USER=$(id -un)
NETNS_SSH_IDENTITY=$dir/client_ed25519
NETNS_KNOWN_HOSTS=$dir/known_hosts
NETNS_CLIENT_ADDR=$outer
NETNS_IFACE=$veth_ns
NETNS_STATE_DIR=$dir/state
NETNS_SSHD_LOG=$dir/sshd.log
ENV
  echo "estate netns: namespace $ns, sshd on $inner:$port (from $outer)"
}

down() {
  estate_sshd_stop "$pidfile"
  if [ -f "$created" ]; then
    # Only what this script made, newest first.
    tac "$created" | while read -r kind name; do
      case "$kind" in
        veth) ip link del "$name" 2>/dev/null || true ;;
        netns) ip netns del "$name" 2>/dev/null || true ;;
      esac
    done
    rm -f "$created"
  fi
  rm -f "$ESTATE_DIR/netns.env"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status)
    if running; then echo "netns: $ns, sshd on $inner:$port"; else echo "netns: stopped"; fi
    ;;
  *) echo "usage: netns.sh up|down|status" >&2; exit 1 ;;
esac
