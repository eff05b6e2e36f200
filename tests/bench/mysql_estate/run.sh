#!/usr/bin/env bash
# No-op plan benchmark of one database host: the OpenCart schema on a MariaDB
# of its own with 5 mysql.partitioning windows (5 log tables of 18 months,
# monthly, keep 12, ahead 3), 10 mysql.user accounts with grants, and
# mysql.encryption of every table (file_key_management, the MyISAM tables
# converted), plus the backup.policy the windows' covered_by must name. One
# apply sets it all up; a plan must then be empty (the script fails
# otherwise). hyperfine then times, locally and over the estate's sshd:
#
#   - `kilter plan` (compile included);
#   - plain.sh, one client call per query: the same reads as a plain sh
#     script (README.md lists them), one `mariadb` run per SELECT or SHOW;
#   - plain.sh, batched as kilter: the same SELECTs in one client run per
#     type (users: a list piped into a second client, as kilter does);
#   - the backup policy's restic reads alone (both sides run them).
#
# Over SSH the plain scripts run on the host through ONE `ssh` call. Prints
# the ratios kilter / plain, then `kilter plan --timings` of both transports.
#
#   tests/bench/mysql_estate/run.sh      (BUILD_DIR defaults to build, KILTER to
#                                         $BUILD_DIR/kilter, RUNS to 10)
#
# The MariaDB listens on ESTATE_PORT_BASE+39; the estate's sshd is started in
# $ESTATE_DIR (default: a private dir under the build tree) unless
# $ESTATE_DIR/sshd.env exists. Everything it starts is stopped at exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=$(realpath -m "${BUILD_DIR:-$root/build}")
export ESTATE_DIR=$(realpath -m "${ESTATE_DIR:-$build/bench-estate}")
export ESTATE_PORT_BASE=${ESTATE_PORT_BASE:-20000}
kilter=${KILTER:-$build/kilter}
runs=${RUNS:-10}
[ -x "$kilter" ] || { echo "bench: build kilter first (scripts/build)" >&2; exit 1; }
for tool in hyperfine restic mariadbd openssl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/setup)" >&2; exit 1; }
done

work=$(mktemp -d)
srv=$work/mariadb
started_sshd=
cleanup() {
  [ -s "$srv/mariadbd.pid" ] && stop_server
  rm -rf "$work"
  [ -z "$started_sshd" ] || "$root/scripts/estate" down sshd >/dev/null
}
trap cleanup EXIT

. "$here/server.sh"
. "$here/specs.sh"
. "$here/plain.sh"

if [ ! -f "$ESTATE_DIR/sshd.env" ]; then
  "$root/scripts/estate" up sshd >/dev/null
  started_sshd=1
fi
while IFS='=' read -r key value; do
  [ -n "$key" ] && export "$key=$value"
done < "$ESTATE_DIR/sshd.env"

echo "== a MariaDB of its own with the OpenCart schema and 5 log tables"
start_server
load_opencart
make_log_tables

export OPENCART_DB_KEY="1;$(openssl rand -hex 32)"
for i in $(seq 1 10); do export "BENCH_DB_PASSWORD_$i=pw$i-$(openssl rand -hex 12)"; done
mkdir -p "$work/state" "$work/backup"/{cron,jobs,log,scratch}
printf 'restic-%s\n' "$(openssl rand -hex 12)" > "$work/restic.pass"
chmod 600 "$work/restic.pass"
for transport in local ssh; do
  mkdir -p "$work/specs-$transport"
  inventory "$transport" > "$work/specs-$transport/kilter.toml"
  specs > "$work/specs-$transport/db.kilt"
done

echo "== apply (restarts the server with file_key_management, converts and partitions)"
"$kilter" apply "$work/specs-local" --auto-approve > "$work/apply.txt" 2>&1 ||
  { cat "$work/apply.txt" >&2; echo "bench: the apply failed" >&2; exit 1; }
for transport in local ssh; do
  "$kilter" plan "$work/specs-$transport" > "$work/plan.txt" 2>&1 ||
    { cat "$work/plan.txt" >&2; echo "bench: the plan over $transport is not empty after apply" >&2; exit 1; }
done

plain_per_query > "$work/per-query.sh"
plain_batched > "$work/batched.sh"
plain_restic > "$work/restic.sh"
for script in per-query batched restic; do
  sh "$work/$script.sh" > "$work/$script.out" 2>&1 ||
    { cat "$work/$script.out" >&2; echo "bench: $script.sh failed" >&2; exit 1; }
done
for script in per-query batched; do
  grep -qx "ACTIVE" "$work/$script.out" ||
    { echo "bench: $script.sh did not read file_key_management as ACTIVE" >&2; exit 1; }
  [ "$(grep -c "^GRANT .* TO \`bench_user_" "$work/$script.out")" -ge 10 ] ||
    { echo "bench: $script.sh did not read the grants of the 10 users" >&2; exit 1; }
done

ssh_cmd="ssh -p $SSH_PORT -i $SSH_IDENTITY -o IdentitiesOnly=yes -o BatchMode=yes \
-o UserKnownHostsFile=$SSH_KNOWN_HOSTS -o StrictHostKeyChecking=yes $SSH_USER@$SSH_HOST"
time_transport() {  # time_transport local|ssh
  local via=""
  [ "$1" = local ] || via="$ssh_cmd "
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/results-$1.json" \
    -n "kilter plan over $1 (no-op: 5 windows, 10 users, encryption, 1 backup policy)" \
    "$kilter plan $work/specs-$1" \
    -n "plain sh over $1, one client call per query" "${via}sh $work/per-query.sh" \
    -n "plain sh over $1, batched as kilter" "${via}sh $work/batched.sh" \
    -n "plain sh over $1, the backup policy's restic reads alone" "${via}sh $work/restic.sh"
  python3 - "$work/results-$1.json" "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
k, q, b, restic = (x["mean"] * 1000 for x in r)
sd = [x["stddev"] * 1000 for x in r]
print(f"{sys.argv[2]}: kilter {k:.0f} ± {sd[0]:.0f} ms, per query {q:.0f} ± {sd[1]:.0f} ms, "
      f"batched {b:.0f} ± {sd[2]:.0f} ms, restic alone {restic:.0f} ± {sd[3]:.0f} ms")
print(f"{sys.argv[2]}: ratio kilter / per query {k / q:.2f}x, kilter / batched {k / b:.2f}x")
PY
}
echo "== load at start: $(uptime)"
time_transport local
time_transport ssh
echo "== load at end: $(uptime)"
for transport in local ssh; do
  echo
  "$kilter" plan --timings "$work/specs-$transport" 2>&1 >/dev/null | sed -n '/timings (ms)/,$p'
done
