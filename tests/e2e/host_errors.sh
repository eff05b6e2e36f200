#!/usr/bin/env bash
# Hosts that fail do not stop the others: with one host reachable, one whose
# SSH port is closed and one without the PHP binary its php.opcache needs,
# plan and apply name each failing host (and the resource, where one is to
# blame), carry out the healthy host's work, and exit 1.
. "$(dirname "$0")/lib.sh"
inventory local
unreachable_host gone
cat >> "$specs/kilter.toml" <<TOML

[hosts.nophp]
transport = "local"

[hosts.nophp.providers."php.opcache"]
ini_dir = "$work/php/conf.d"
php = "$work/no-such-php"
reload = "true"
TOML
file_spec motd 'Welcome\n'
cat >> "$specs/motd.kilt" <<KILT

file "motd-gone" on gone {
  path    = "/tmp/kilter-never-written"
  content = "x"
}

php.opcache "shop" on nophp {
  memory_consumption = 128MiB
}
KILT

echo "== plan: the healthy host is planned, each failing host named; exit 1"
run 1 "$KILTER" plan "$specs"
contains '+ file "motd" @ box'
contains "gone: "
contains "127.0.0.1:$closed_port"
contains 'nophp'
contains 'error: nophp: php.opcache: `'
[ ! -e "$root/motd" ] || fail "plan wrote a file"

echo "== apply: the healthy host is applied all the same; exit 1"
run 1 "$KILTER" apply "$specs" --auto-approve
[ "$(cat "$root/motd")" = "Welcome" ] || fail "the healthy host was not applied"
contains 'gone'
contains 'nophp'
echo "PASS"
