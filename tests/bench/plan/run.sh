#!/usr/bin/env bash
# No-op plan benchmark: `kilter plan` of one host with N `file` resources and
# one `php.opcache` (already applied, so nothing to do) over the estate's
# sshd, against a plain script doing the same reads (content and stat of
# every file, the managed ini file, and PHP's effective opcache values)
# through ONE `ssh` call, and against the floor: the same reads with one
# `stat` and one `cat` of all the files (no process per file). Prints
# hyperfine's comparison and both ratios (kilter / plain, kilter / floor).
#
#   tests/bench/plan/run.sh [N]       (default N=200; BUILD_DIR defaults to build)
#
# Starts the estate's sshd in $ESTATE_DIR (default: a private dir under the
# build tree) unless $ESTATE_DIR/sshd.env already exists. The kilter time
# includes compiling the specs, which the plain script does not do.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=$(realpath -m "${BUILD_DIR:-$root/build}")
n=${1:-200}
export ESTATE_DIR=$(realpath -m "${ESTATE_DIR:-$build/bench-estate}")
export ESTATE_PORT_BASE=${ESTATE_PORT_BASE:-20000}
kilter=$build/kilter

started=
if [ ! -f "$ESTATE_DIR/sshd.env" ]; then
  "$root/scripts/estate" up sshd
  started=1
fi
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  bash "$root/scripts/estate.d/php.sh" down >/dev/null
  [ -z "$started" ] || "$root/scripts/estate" down sshd
}
trap cleanup EXIT
while IFS='=' read -r key value; do
  [ -n "$key" ] && export "$key=$value"
done < "$ESTATE_DIR/sshd.env"

mkdir -p "$work/specs" "$work/files" "$work/state"
# A PHP host like the estate's (php.ini, a scan directory with opcache).
bash "$root/scripts/estate.d/php.sh" up >/dev/null
php_host=$ESTATE_DIR/php/host
cat > "$work/specs/kilter.toml" <<TOML
[hosts.box]
address = "$SSH_HOST"
port = $SSH_PORT
user = "$SSH_USER"
identity = "$SSH_IDENTITY"

[ssh]
known_hosts = "$SSH_KNOWN_HOSTS"

[providers.kilter]
state_dir = "$work/state"

[providers."php.opcache"]
ini_dir = "$php_host/conf.d"
php = "$php_host/bin/php"
reload = "$php_host/bin/reload"
TOML
cat > "$work/specs/php.kilt" <<KILT
php.opcache "shop" on box {
  memory_consumption      = 256MiB
  interned_strings_buffer = 32MiB
  max_accelerated_files   = 20000
  validate_timestamps     = false
}
KILT
{
  echo "for i in [$(seq -s, 1 "$n")] {"
  echo "  file \"f\${i}\" on box {"
  echo "    path    = \"$work/files/file\${i}.conf\""
  echo "    content = \"setting_\${i} = \${i}\\n# a small managed file\\n\""
  echo "    owner   = \"$SSH_USER\""
  echo "    group   = \"$(id -gn "$SSH_USER")\""
  echo "  }"
  echo "}"
} > "$work/specs/files.kilt"
"$kilter" apply "$work/specs" --auto-approve >/dev/null
"$kilter" plan "$work/specs" >/dev/null || { echo "bench: the plan is not empty" >&2; exit 1; }

files=$(for i in $(seq "$n"); do printf '%s ' "$work/files/file$i.conf"; done)
ssh_cmd="ssh -p $SSH_PORT -i $SSH_IDENTITY -o IdentitiesOnly=yes -o BatchMode=yes \
-o UserKnownHostsFile=$SSH_KNOWN_HOSTS -o StrictHostKeyChecking=yes $SSH_USER@$SSH_HOST"
php_reads="cat $php_host/conf.d/*kilter*; \
$php_host/bin/php -r \"echo json_encode(ini_get_all(\\\"zend opcache\\\", false));\""
plain_cmd="$ssh_cmd 'for f in $files; do stat -L -c \"%a %U %G %s\" \"\$f\"; cat \"\$f\"; done; \
$php_reads' >/dev/null"
floor_cmd="$ssh_cmd 'stat -L -c \"%a %U %G %s\" $files; cat $files; $php_reads' >/dev/null"

csv=$work/results.csv
hyperfine --warmup 3 --min-runs 20 --export-csv "$csv" \
  -n "kilter plan: $n files + php.opcache no-op over ssh" "$kilter plan $work/specs >/dev/null 2>&1" \
  -n "plain ssh script: the same reads in one ssh call" "$plain_cmd" \
  -n "floor: one stat and one cat of all files in one ssh call" "$floor_cmd"
awk -F, 'NR == 2 { k = $2 } NR == 3 { p = $2 } NR == 4 { f = $2 }
  END { printf "ratio (kilter plan / plain ssh): %.2fx\nratio (kilter plan / floor): %.2fx\n", k / p, k / f }' "$csv"
