#!/usr/bin/env bash
# A relative ESTATE_DIR works: the estate resolves it, so sshd (which chdirs
# to / when it daemonizes) writes its pid file inside it, `down` finds and
# stops it, and the port is free for the next `up`. Uses its own port block
# (the estate's base + 600) so it never meets the suite's running estate.
source "$(dirname "$0")/../cli/lib.sh"
src=${KILTER_SOURCE_DIR:?}
export ESTATE_PORT_BASE=$((${ESTATE_PORT_BASE:?} + 600))
port=$((ESTATE_PORT_BASE + 22))
cd "$scratch"
export ESTATE_DIR=rel-estate

listening() { ss -Hltn "sport = :$port" | grep -q .; }

expect_status 0 "$src/scripts/estate" up sshd
[ -s "$scratch/rel-estate/sshd/sshd.pid" ] ||
  fail "no pid file under the relative estate dir: $(ls -R "$scratch/rel-estate" 2>&1 | head -20)"
listening || fail "sshd is not listening on $port after up"
pid=$(cat "$scratch/rel-estate/sshd/sshd.pid" 2>/dev/null)
expect_status 0 "$src/scripts/estate" down sshd
for _ in $(seq 50); do listening || break; sleep 0.1; done
listening && fail "sshd still listens on $port after down"
[ -n "$pid" ] && [ -d "/proc/$pid" ] && fail "sshd (pid $pid) still runs after down"
expect_status 0 "$src/scripts/estate" up sshd
expect_status 0 "$src/scripts/estate" down sshd
finish
