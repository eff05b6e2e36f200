#!/usr/bin/env bash
# Many loopback OpenSSH servers for the many-hosts benchmark: host I (0..N-1)
# listens on 127.0.0.1:PORT_BASE+I from DIR/hI/, with its own sshd_config,
# ed25519 host key, pid file and log; all trust one client key (DIR/client)
# and DIR/known_hosts holds every host's key. Configured as the test
# estate's sshd (scripts/estate.d/sshd.lib: public key only, no PAM, no
# ~/.bashrc per command).
#
#   sshds.sh up DIR N PORT_BASE     starts hosts 0..N-1, waits until each listens
#   sshds.sh down DIR               stops every server started in DIR
set -euo pipefail
# shellcheck source=../../../scripts/estate.d/sshd.lib
. "$(dirname "$0")/../../../scripts/estate.d/sshd.lib"

up() {
  local dir=$1 count=$2 base=$3 i host port
  mkdir -p "$dir"
  estate_keygen "$dir/client" ed25519
  chmod 600 "$dir/client"
  cp "$dir/client.pub" "$dir/authorized_keys"
  : > "$dir/known_hosts"
  [ -d /run/sshd ] || mkdir -p -m 0755 /run/sshd
  for ((i = 0; i < count; i++)); do
    host=$dir/h$i port=$((base + i))
    mkdir -p "$host"
    estate_keygen "$host/ssh_host_ed25519_key" ed25519
    chmod 600 "$host/ssh_host_ed25519_key"
    echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$host/ssh_host_ed25519_key.pub")" >> "$dir/known_hosts"
    {
      printf 'Port %s\nListenAddress 127.0.0.1\nHostKey %s\n' "$port" "$host/ssh_host_ed25519_key"
      estate_sshd_config "$dir" "$host/sshd.pid" 10
    } > "$host/sshd_config"
    /usr/sbin/sshd -f "$host/sshd_config" -E "$host/sshd.log" \
      || { echo "sshds: host $i did not start; see $host/sshd.log" >&2; exit 1; }
  done
  for ((i = 0; i < count; i++)); do
    host=$dir/h$i port=$((base + i))
    for _ in $(seq 50); do
      estate_sshd_running "$host/sshd.pid" && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
      sleep 0.1
    done
    estate_sshd_running "$host/sshd.pid" ||
      { echo "sshds: host $i is not running; see $host/sshd.log" >&2; cat "$host/sshd.log" >&2; exit 1; }
  done
}

down() {
  local pidfile
  for pidfile in "$1"/h*/sshd.pid; do
    [ -e "$pidfile" ] && estate_sshd_stop "$pidfile"
  done
  return 0
}

case "${1:-}" in
  up) up "${2:?DIR}" "${3:?N}" "${4:?PORT_BASE}" ;;
  down) down "${2:?DIR}" ;;
  *) echo "usage: sshds.sh up DIR N PORT_BASE | down DIR" >&2; exit 1 ;;
esac
