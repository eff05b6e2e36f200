# Shared by the e2e scripts: a scratch estate of `file` resources, and checks
# that fail loudly with what was expected.
set -euo pipefail

: "${KILTER:?run through ctest (KILTER is the kilter binary)}"
work=$(mktemp -d "${TMPDIR:-/tmp}/kilter-e2e.XXXXXX")
trap 'rm -rf "$work"' EXIT
specs=$work/specs
root=$work/root       # the managed files live here
state=$work/state     # the engine's state_dir on the "host"
mkdir -p "$specs" "$root" "$state"

fail() { echo "FAIL: $*" >&2; exit 1; }

# load_env SERVICE: exports the KEY=VALUE lines of the estate's SERVICE.env
# (values may hold spaces, so the file is read, not sourced).
load_env() {
  local file=$ESTATE_DIR/$1.env key value
  [ -f "$file" ] || fail "$file is missing: is the estate's $1 up?"
  while IFS='=' read -r key value; do
    [ -n "$key" ] && export "$key=$value"
  done < "$file"
}

# run EXPECTED_EXIT CMD...: runs CMD, keeps its output in $out, checks the status.
run() {
  local want=$1; shift
  set +e
  out=$("$@" 2>&1)
  local got=$?
  set -e
  if [ "$got" != "$want" ]; then
    printf '%s\n' "$out" >&2
    fail "\`$*\` exited $got, expected $want"
  fi
}

contains() { grep -qF -- "$1" <<<"$out" || { printf '%s\n' "$out" >&2; fail "output lacks: $1"; }; }
lacks() { ! grep -qF -- "$1" <<<"$out" || { printf '%s\n' "$out" >&2; fail "output has: $1"; }; }

# inventory TRANSPORT: one host "box" reached locally or over the estate's sshd.
# free_port: a loopback TCP port nothing listens on (the kernel's pick, released).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# unreachable_host NAME: host NAME in the inventory, reached over SSH at a
# loopback port nothing listens on ($closed_port).
unreachable_host() {
  closed_port=$(free_port)
  cat >> "$specs/kilter.toml" <<TOML

[hosts.$1]
address = "127.0.0.1"
port = $closed_port
user = "nobody"
TOML
}

inventory() {
  if [ "$1" = ssh ]; then
    load_env sshd
    cat > "$specs/kilter.toml" <<TOML
[hosts.box]
address = "$SSH_HOST"
port = $SSH_PORT
user = "$SSH_USER"
identity = "$SSH_IDENTITY"

[ssh]
known_hosts = "$SSH_KNOWN_HOSTS"

[providers.kilter]
state_dir = "$state"
TOML
  else
    cat > "$specs/kilter.toml" <<TOML
[hosts.box]
transport = "local"

[providers.kilter]
state_dir = "$state"
TOML
  fi
}

# inventory_netns: kilter.toml for host "fw", the sshd inside the estate's
# network namespace (load_env netns first).
inventory_netns() {
  cat > "$specs/kilter.toml" <<TOML
[hosts.fw]
address = "$NETNS_SSH_HOST"
port = $NETNS_SSH_PORT
user = "$NETNS_SSH_USER"
identity = "$NETNS_SSH_IDENTITY"

[ssh]
known_hosts = "$NETNS_KNOWN_HOSTS"

[providers.kilter]
state_dir = "$state"
TOML
}

# file_spec NAME CONTENT [MODE]: one `file` resource under $root.
file_spec() {
  cat > "$specs/$1.kilt" <<KILT
file "$1" on box {
  path    = "$root/$1"
  content = "$2"
  mode    = "${3:-0644}"
  owner   = "$(id -un)"
  group   = "$(id -gn)"
}
KILT
}

# hosts_inventory TRANSPORT HOST...: several hosts, all this machine (locally
# or over the estate's sshd) under different names, each with its own state
# directory (and so its own lock) $state/HOST and files under $root/HOST.
hosts_inventory() {
  local transport=$1 host; shift
  : > "$specs/kilter.toml"
  [ "$transport" = ssh ] && load_env sshd
  for host in "$@"; do
    mkdir -p "$root/$host"
    if [ "$transport" = ssh ]; then
      printf '[hosts.%s]\naddress = "%s"\nport = %s\nuser = "%s"\nidentity = "%s"\n' \
        "$host" "$SSH_HOST" "$SSH_PORT" "$SSH_USER" "$SSH_IDENTITY" >> "$specs/kilter.toml"
    else
      printf '[hosts.%s]\ntransport = "local"\n' "$host" >> "$specs/kilter.toml"
    fi
    printf '\n[hosts.%s.providers.kilter]\nstate_dir = "%s"\n\n' "$host" "$state/$host" \
      >> "$specs/kilter.toml"
  done
  if [ "$transport" = ssh ]; then
    printf '[ssh]\nknown_hosts = "%s"\n' "$SSH_KNOWN_HOSTS" >> "$specs/kilter.toml"
  fi
}

# host_file_spec HOST NAME CONTENT: a `file` resource NAME on HOST, at $root/HOST/NAME.
host_file_spec() {
  cat > "$specs/$1-$2.kilt" <<KILT
file "$2" on $1 {
  path    = "$root/$1/$2"
  content = "$3"
  mode    = "0644"
  owner   = "$(id -un)"
  group   = "$(id -gn)"
}
KILT
}

# file_tree DIR: every file below DIR with its mode and digest, one a line, sorted.
file_tree() {
  (cd "$1" && find . -type f -printf '%P %m ' -exec sha256sum {} \; | awk '{print $1, $2, $3}' | sort)
}

# reimport FILE TYPE HOST: moves the spec FILE aside, imports TYPE from HOST
# in its place, and proves the imported specs formatted, clean and planning
# nothing to do (the objects are kilter's own, recorded on the host); puts
# FILE back.
reimport() {
  local file=$1 type=$2 host=$3
  mv "$file" "$work/reimport.kilt"
  run 0 "$KILTER" import "$specs" --host "$host" --type "$type" -o "$specs/reimported.kilt"
  imported=$(cat "$specs/reimported.kilt")
  run 0 "$KILTER" fmt --check "$specs"
  run 0 "$KILTER" check "$specs"
  lacks "warning["
  run 0 "$KILTER" plan "$specs"
  contains "No changes."
  rm "$specs/reimported.kilt"
  mv "$work/reimport.kilt" "$file"
}
