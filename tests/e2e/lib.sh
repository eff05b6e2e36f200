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
