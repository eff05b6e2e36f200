#!/usr/bin/env bash
# No-op plan benchmark of one edge host: 20 nginx.upstream, 10
# nginx.rate_limit and 5 tls.certificate (5 TLS sites on one port, told
# apart by SNI) on an nginx load balancer this script starts (its own
# prefix, loopback ports), applied first so a plan is empty (the script
# fails otherwise), against a plain sh script doing the same reads and
# handshakes with `openssl s_client` (plain.sh). hyperfine times, locally
# and over the estate's sshd (the plain scripts through ONE `ssh` call):
#
#   - `kilter plan` (compile included);
#   - plain.sh: the nginx types' reads alone (owned files, nginx -T);
#   - plain.sh in full: those and the certificates' files and handshakes
#     (the ratio kilter / this);
#   - the certificates' files and handshakes alone.
#
# Prints the ratios, then `kilter plan --timings` of both transports.
#
#   tests/bench/edge/run.sh      (BUILD_DIR defaults to build, KILTER to
#                                 $BUILD_DIR/kilter, RUNS to 20)
#
# Ports from ESTATE_PORT_BASE (scripts/estate.d/PORTS: edge); the estate's
# sshd is started in $ESTATE_DIR (default: a private dir under the build
# tree) unless $ESTATE_DIR/sshd.env exists. Everything it starts is stopped
# at exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=$(realpath -m "${BUILD_DIR:-$root/build}")
export ESTATE_DIR=$(realpath -m "${ESTATE_DIR:-$build/bench-estate}")
export ESTATE_PORT_BASE=${ESTATE_PORT_BASE:-20000}
kilter=${KILTER:-$build/kilter}
runs=${RUNS:-20}
[ -x "$kilter" ] || { echo "bench: build kilter first (scripts/build)" >&2; exit 1; }
for tool in hyperfine nginx openssl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/setup)" >&2; exit 1; }
done

work=$(mktemp -d)
chmod 755 "$work"
started_sshd=
. "$here/nginx.sh"
. "$here/specs.sh"
. "$here/plain.sh"
cleanup() {
  stop_nginx "$lb"
  stop_nginx "$backend"
  rm -rf "$work"
  [ -z "$started_sshd" ] || "$root/scripts/estate" down sshd >/dev/null
}
trap cleanup EXIT

if [ ! -f "$ESTATE_DIR/sshd.env" ]; then
  "$root/scripts/estate" up sshd >/dev/null
  started_sshd=1
fi
while IFS='=' read -r key value; do
  [ -n "$key" ] && export "$key=$value"
done < "$ESTATE_DIR/sshd.env"

echo "== nginx: the load balancer (HTTP :$http_port, TLS :$tls_port), its backend (:$b1, :$b2)"
start_servers
mkdir -p "$work/state"
for transport in local ssh; do
  mkdir -p "$work/specs-$transport"
  inventory "$transport" > "$work/specs-$transport/kilter.toml"
  specs > "$work/specs-$transport/edge.kilt"
done

echo "== apply, then each /apiN/ location includes its snippet"
"$kilter" apply "$work/specs-local" --auto-approve > "$work/apply.txt" 2>&1 ||
  { cat "$work/apply.txt" >&2; echo "bench: the apply failed" >&2; exit 1; }
lb_conf snippets
$nginx_cmd -t -q || { echo "bench: the load balancer with the snippets is invalid" >&2; exit 1; }
$nginx_cmd -s reload 2> "$work/reload.txt" || { cat "$work/reload.txt" >&2; exit 1; }
for transport in local ssh; do
  "$kilter" plan "$work/specs-$transport" > "$work/plan.txt" 2>&1 ||
    { cat "$work/plan.txt" >&2; echo "bench: the plan over $transport is not empty after apply" >&2; exit 1; }
done

plain_nginx > "$work/nginx.sh"
plain_tls > "$work/tls.sh"
cat "$work/nginx.sh" "$work/tls.sh" > "$work/full.sh"
sh "$work/full.sh" > "$work/full.out" 2>&1 ||
  { cat "$work/full.out" >&2; echo "bench: the plain script failed" >&2; exit 1; }
# Each site's served certificate is the one on disk: the handshakes reach
# the right server block, so the baseline reads what it claims.
for name in $cert_names; do
  [ "$(grep -c "^subject=CN = $name\$" "$work/full.out")" -ge 2 ] &&
    [ "$(grep -A2 "^subject=CN = $name\$" "$work/full.out" | grep -c "$(openssl x509 -in "$certs/$name.pem" -noout -fingerprint -sha256)")" -ge 2 ] ||
    { cat "$work/full.out" >&2; echo "bench: $name does not serve its certificate" >&2; exit 1; }
done

ssh_cmd="ssh -p $SSH_PORT -i $SSH_IDENTITY -o IdentitiesOnly=yes -o BatchMode=yes \
-o UserKnownHostsFile=$SSH_KNOWN_HOSTS -o StrictHostKeyChecking=yes $SSH_USER@$SSH_HOST"
time_transport() {  # time_transport local|ssh
  local via=""
  [ "$1" = local ] || via="$ssh_cmd "
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/results-$1.json" \
    -n "kilter plan over $1 (no-op: 20 upstreams, 10 rate limits, 5 certificates)" "$kilter plan $work/specs-$1" \
    -n "plain sh over $1: the nginx types' reads (owned files, nginx -T)" "${via}sh $work/nginx.sh" \
    -n "plain sh over $1: the same reads and handshakes as kilter" "${via}sh $work/full.sh" \
    -n "plain sh over $1: the certificates' files and handshakes alone" "${via}sh $work/tls.sh"
  python3 - "$work/results-$1.json" "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
(k, ks), (n, ns), (f, fs), (t, ts) = ((x["mean"] * 1000, x["stddev"] * 1000) for x in r)
print(f"{sys.argv[2]}: kilter {k:.1f} ± {ks:.1f} ms, plain (same reads and handshakes) "
      f"{f:.1f} ± {fs:.1f} ms, nginx reads alone {n:.1f} ± {ns:.1f} ms, "
      f"certificates alone {t:.1f} ± {ts:.1f} ms")
print(f"{sys.argv[2]}: ratio kilter / plain (same reads and handshakes) {k / f:.2f}x")
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
