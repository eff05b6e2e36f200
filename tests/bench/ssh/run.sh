#!/usr/bin/env bash
# SSH transport benchmark: N small files read and stat'ed over the SSH
# transport (one connection, one shell, one round trip per call) against a
# plain script doing the same reads through ONE `ssh` call. Prints hyperfine's
# comparison and the ratio (transport / plain ssh).
#
#   tests/bench/ssh/run.sh [N]        (default N=200; BUILD_DIR defaults to build)
#
# Uses the estate's sshd: starts it in $ESTATE_DIR (default: a private dir
# under the build tree) unless $ESTATE_DIR/sshd.env already exists.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=$(realpath -m "${BUILD_DIR:-$root/build}")
n=${1:-200}
export ESTATE_DIR=$(realpath -m "${ESTATE_DIR:-$build/bench-estate}")
export ESTATE_PORT_BASE=${ESTATE_PORT_BASE:-20000}

cmake --build "$build" --target kilter_ssh_bench >/dev/null
bench=$build/tests/bench/ssh/kilter_ssh_bench

started=
if [ ! -f "$ESTATE_DIR/sshd.env" ]; then
  "$root/scripts/estate" up sshd
  started=1
fi
cleanup() {
  rm -rf "$files_dir"
  [ -z "$started" ] || "$root/scripts/estate" down sshd
}
files_dir=$(mktemp -d)
trap cleanup EXIT
# KEY=VALUE lines; values may hold spaces, so read them rather than source them.
while IFS='=' read -r key value; do
  [ -n "$key" ] && export "$key=$value"
done < "$ESTATE_DIR/sshd.env"

files=()
for i in $(seq "$n"); do
  printf 'setting_%d = %d\n# a small managed file\n' "$i" "$i" > "$files_dir/file$i.conf"
  files+=("$files_dir/file$i.conf")
done

transport_cmd="$bench $SSH_HOST $SSH_PORT $SSH_USER $SSH_IDENTITY $SSH_KNOWN_HOSTS ${files[*]}"
plain_cmd="ssh -p $SSH_PORT -i $SSH_IDENTITY -o IdentitiesOnly=yes -o BatchMode=yes \
-o UserKnownHostsFile=$SSH_KNOWN_HOSTS -o StrictHostKeyChecking=yes $SSH_USER@$SSH_HOST \
'for f in ${files[*]}; do cat \"\$f\"; stat -L -c \"%a %u %g %s %U %G %F\" \"\$f\"; done' >/dev/null"

csv=$files_dir/results.csv
hyperfine --warmup 3 --min-runs 20 --export-csv "$csv" \
  -n "kilter ssh transport ($n reads + $n stats)" "$transport_cmd >/dev/null" \
  -n "plain ssh script (one ssh call)" "$plain_cmd"

awk -F, 'NR == 2 { t = $2 } NR == 3 { p = $2 }
  END { printf "ratio (transport / plain ssh): %.2fx; per call over the transport: %.3f ms\n",
        t / p, (t - p) * 1000 / (2 * '"$n"') }' "$csv"
"$bench" --round-trips 1000 "$SSH_HOST" "$SSH_PORT" "$SSH_USER" "$SSH_IDENTITY" "$SSH_KNOWN_HOSTS"
