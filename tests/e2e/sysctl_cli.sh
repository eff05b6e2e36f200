#!/usr/bin/env bash
# sysctl through the kilter binary, over the local transport and over SSH:
# check, plan, apply, plan empty, drift after `sysctl -w` (exit 2, "live"),
# and after a hand edit of kilter's file ("lost at boot"). Only ever the net.*
# parameters of a network namespace this script creates, never the machine's.
. "$(dirname "$0")/lib.sh"

ns=ksyse2e${ESTATE_PORT_BASE:?}
host_somaxconn=$(cat /proc/sys/net/core/somaxconn)
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for transport in local ssh; do
  ip netns del "$ns" 2>/dev/null || true
  ip netns add "$ns"
  rm -rf "$root/etc" "$root/usr"
  mkdir -p "$root/etc/sysctl.d" "$root/usr/lib/sysctl.d"
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers.sysctl]
dir = "$root/etc/sysctl.d"
search_dirs = ["$root/etc/sysctl.d", "$root/usr/lib/sysctl.d"]
command_prefix = "ip netns exec $ns"
TOML
  cat > "$specs/kernel.kilt" <<KILT
sysctl "backlog" on box {
  values = {
    "net.core.somaxconn"           = 8192
    "net.ipv4.ip_local_port_range" = "10240 65000"
  }
}
KILT

  run 0 "$KILTER" check "$specs"
  run 2 "$KILTER" plan "$specs"
  contains '+ sysctl "backlog" @ box'
  contains "net.core.somaxconn is 4096 live, not the declared 8192"
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ "$(ip netns exec "$ns" cat /proc/sys/net/core/somaxconn)" = 8192 ] || fail "somaxconn not set in $ns"
  grep -qx 'net.core.somaxconn = 8192' "$root/etc/sysctl.d/kilter-backlog.conf" \
    || fail "kilter-backlog.conf does not persist somaxconn"
  run 0 "$KILTER" plan "$specs"

  ip netns exec "$ns" sysctl -q -w net.core.somaxconn=128
  run 2 "$KILTER" drift "$specs"
  contains "net.core.somaxconn is 128 live, but the declared 8192 is persisted: changed by hand"
  run 0 "$KILTER" apply "$specs" --auto-approve

  sed -i 's/^net.core.somaxconn = 8192$/net.core.somaxconn = 1024/' \
    "$root/etc/sysctl.d/kilter-backlog.conf"
  run 2 "$KILTER" drift "$specs"
  contains "net.core.somaxconn: the declared 8192 is live but lost at boot"
  run 0 "$KILTER" apply "$specs" --auto-approve
  run 0 "$KILTER" plan "$specs"
done

[ "$(cat /proc/sys/net/core/somaxconn)" = "$host_somaxconn" ] || fail "the machine's own somaxconn changed"
echo "sysctl e2e: ok"
