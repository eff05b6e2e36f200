#!/usr/bin/env bash
# Test estate service "sshd": a real OpenSSH server on 127.0.0.1:BASE+22,
# run from $ESTATE_DIR/sshd/ with its own config, host keys (ed25519, and an
# ecdsa one so tests can prove the client restricts the host-key type), an
# authorized client key, a second client key that is NOT authorized, and a
# known_hosts file for [127.0.0.1]:PORT. Only public-key authentication, no
# PAM. The server logs at VERBOSE level so tests can count connections.
#
# Fast shell start: sshd runs commands as `$SHELL -c CMD`. Debian's bash reads
# ~/.bashrc even for `bash -c` when it sees it was started by sshd (SSH_CLIENT
# set) and SHLVL is below 2, and this machine's root ~/.bashrc takes ~100 ms
# (pyenv init). `SetEnv SHLVL=1` makes bash count itself as level 2 and skip
# it (2 ms), without touching what a command is allowed to run (ForceCommand
# would replace the command). docs/transports.md has the measurements.
set -euo pipefail
dir=$ESTATE_DIR/sshd
port=$((ESTATE_PORT_BASE + 22))
pidfile=$dir/sshd.pid
sshd_bin=/usr/sbin/sshd
# shellcheck source=sshd.lib
. "$(dirname "$0")/sshd.lib"

write_files() {
  mkdir -p "$dir"
  estate_keygen "$dir/ssh_host_ed25519_key" ed25519
  estate_keygen "$dir/ssh_host_ecdsa_key" ecdsa
  estate_keygen "$dir/client_ed25519" ed25519
  estate_keygen "$dir/wrong_ed25519" ed25519
  estate_keygen "$dir/other_host_ed25519" ed25519
  cp "$dir/client_ed25519.pub" "$dir/authorized_keys"
  chmod 600 "$dir"/*_key "$dir/client_ed25519" "$dir/wrong_ed25519" "$dir/other_host_ed25519"
  local host_key
  host_key=$(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")
  echo "[127.0.0.1]:$port $host_key" > "$dir/known_hosts"
  cp "$dir/known_hosts" "$dir/known_hosts.hashed"
  ssh-keygen -q -H -f "$dir/known_hosts.hashed" >/dev/null 2>&1
  rm -f "$dir/known_hosts.hashed.old"
  {
    printf 'Port %s\nListenAddress 127.0.0.1\n' "$port"
    printf 'HostKey %s\n' "$dir/ssh_host_ed25519_key" "$dir/ssh_host_ecdsa_key"
    estate_sshd_config "$dir" "$pidfile" 200
  } > "$dir/sshd_config"
}

running() { estate_sshd_running "$pidfile"; }

fingerprint() {  # $1: public key file
  ssh-keygen -l -E sha256 -f "$1" | cut -d' ' -f2
}

case "$1" in
  up)
    "$0" down >/dev/null 2>&1 || true
    write_files
    # sshd insists on its privilege-separation directory, a compile-time path.
    [ -d /run/sshd ] || mkdir -p -m 0755 /run/sshd
    "$sshd_bin" -t -f "$dir/sshd_config" || { echo "estate sshd: config invalid" >&2; exit 1; }
    : > "$dir/sshd.log"
    "$sshd_bin" -f "$dir/sshd_config" -E "$dir/sshd.log"
    for _ in $(seq 50); do
      running && ssh-keyscan -T 1 -p "$port" 127.0.0.1 >/dev/null 2>&1 && break
      sleep 0.1
    done
    running || { echo "estate sshd: did not start; see $dir/sshd.log" >&2; cat "$dir/sshd.log" >&2; exit 1; }
    ssh -n -p "$port" -i "$dir/client_ed25519" -o BatchMode=yes -o IdentitiesOnly=yes \
      -o UserKnownHostsFile="$dir/known_hosts" -o StrictHostKeyChecking=yes \
      "$(id -un)@127.0.0.1" true \
      || { echo "estate sshd: cannot log in with the test key; see $dir/sshd.log" >&2; exit 1; }
    cat > "$ESTATE_DIR/sshd.env" <<ENV
SSH_HOST=127.0.0.1
SSH_PORT=$port
SSH_USER=$(id -un)
SSH_IDENTITY=$dir/client_ed25519
SSH_WRONG_IDENTITY=$dir/wrong_ed25519
SSH_KNOWN_HOSTS=$dir/known_hosts
SSH_KNOWN_HOSTS_HASHED=$dir/known_hosts.hashed
SSH_HOST_KEY=$(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")
SSH_HOST_KEY_FP=$(fingerprint "$dir/ssh_host_ed25519_key.pub")
SSH_HOST_KEY_ECDSA=$(cut -d' ' -f1,2 "$dir/ssh_host_ecdsa_key.pub")
SSH_HOST_KEY_ECDSA_FP=$(fingerprint "$dir/ssh_host_ecdsa_key.pub")
SSH_OTHER_HOST_KEY=$(cut -d' ' -f1,2 "$dir/other_host_ed25519.pub")
SSH_LOG=$dir/sshd.log
SSH_PID_FILE=$pidfile
ENV
    echo "estate sshd: 127.0.0.1:$port as $(id -un)"
    ;;
  down)
    estate_sshd_stop "$pidfile"
    rm -f "$ESTATE_DIR/sshd.env"
    ;;
  status)
    if running; then echo "sshd: running on 127.0.0.1:$port"; else echo "sshd: stopped"; fi
    ;;
  *) echo "usage: sshd.sh up|down|status" >&2; exit 1 ;;
esac
