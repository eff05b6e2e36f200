# Helpers for the CLI script tests: a scratch directory, and expectations that
# print what went wrong and count failures. Source it; end with `finish`.
set -uo pipefail
KILTER=${KILTER:?KILTER names the kilter binary}
export NO_COLOR=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_status WANT COMMAND...: runs COMMAND (output in $out) and checks its status.
expect_status() {
  local want=$1; shift
  out=$("$@" 2>&1)
  local got=$?
  [ "$got" = "$want" ] || fail "$* exited $got, expected $want; output:"$'\n'"$out"
}

# expect_out TEXT: the last command's output contains TEXT.
expect_out() {
  grep -qF -- "$1" <<<"$out" || fail "output lacks '$1'; output:"$'\n'"$out"
}

# motd_estate: $specs holds one local host "box" whose engine state is in
# $state, and one `file` resource writing $scratch/motd.
motd_estate() {
  specs=$scratch/specs
  state=$scratch/state
  mkdir -p "$specs" "$state"
  cat > "$specs/kilter.toml" <<TOML
[hosts.box]
transport = "local"

[providers.kilter]
state_dir = "$state"
TOML
  cat > "$specs/motd.kilt" <<KILT
file "motd" on box {
  path    = "$scratch/motd"
  content = "hi"
}
KILT
}

finish() {
  [ "$failures" = 0 ] && echo "ok" || echo "$failures failed"
  [ "$failures" = 0 ]
}
