#!/usr/bin/env bash
# Per-source limits against the real kernel, applied by `kilter` over SSH
# into the estate's network namespace. Inside it, sources 127.0.0.2 (the
# flood) and 127.0.0.3 (a client) connect to listeners on the namespace's
# loopback at the same instant:
# - limit per = "source": the flood is cut to its own bucket, the client
#   still gets every connection;
# - limit per = "rule" (one bucket for all): the same flood starves the
#   client, which is why per-source limits exist;
# - connections per = "source": each source holds at most max connections.
# The meters show as nft sets; a meter or an IPv6 half removed by hand is
# drift that apply puts back; import writes the limits back as specs.
. "$(dirname "$0")/lib.sh"
load_env netns
nft_ns() { ip netns exec "$NETNS" nft "$@"; }
rate_port=8181
conn_port=8182
listener=
cleanup() {
  [ -n "$listener" ] && kill "$listener" 2>/dev/null
  nft_ns delete table inet kilter 2>/dev/null || true
  rm -rf "$work"
}
nft_ns delete table inet kilter 2>/dev/null || true
trap cleanup EXIT

ip netns exec "$NETNS" python3 -c '
import socket, sys, time
socks = []
for port in map(int, sys.argv[1:]):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(1024)
    socks.append(s)
print("listening", flush=True)
time.sleep(3600)' "$rate_port" "$conn_port" > "$work/listener.out" &
listener=$!
for _ in $(seq 50); do grep -q listening "$work/listener.out" && break; sleep 0.1; done
grep -q listening "$work/listener.out" || fail "the listener in $NETNS did not start"

inventory_netns
ruleset() {  # ruleset PER: the rate limit's per
  cat > "$specs/firewall.kilt" <<KILT
firewall.chain "input" on fw {
  hook   = "input"
  policy = "drop"
}

firewall.rule "established" on fw {
  chain    = "input"
  ct_state = ["established", "related"]
}

firewall.rule "ssh" on fw {
  chain = "input"
  proto = "tcp"
  dport = $NETNS_SSH_PORT
}

firewall.rule "api-rate" on fw {
  chain    = "input"
  proto    = "tcp"
  dport    = $rate_port
  ct_state = ["new"]
  limit    = { rate = "5/second", burst = 5, per = "$1" }
}

firewall.rule "api-connections" on fw {
  chain       = "input"
  proto       = "tcp"
  dport       = $conn_port
  ct_state    = ["new"]
  connections = { max = 3, per = "source" }
}
KILT
}
# burst PORT FLOOD CLIENT: connections established by 127.0.0.2 (FLOOD tries)
# and 127.0.0.3 (CLIENT tries), all started at once; sets $flood and $client.
burst() {
  local counts
  counts=$(ip netns exec "$NETNS" python3 "$(dirname "$0")/connect_burst.py" 127.0.0.1 "$1" 0.8 \
    "127.0.0.2:$2" "127.0.0.3:$3" < /dev/null)
  flood=$(awk '$1 == "127.0.0.2" {print $2}' <<<"$counts")
  client=$(awk '$1 == "127.0.0.3" {print $2}' <<<"$counts")
  echo "   port $1: flood $flood of $2, client $client of $3"
}

echo "== apply per-source limits over SSH; plan is then empty"
ruleset source
run 0 "$KILTER" check "$specs"
lacks "warning["
run 0 "$KILTER" apply "$specs" --auto-approve
run 0 "$KILTER" plan "$specs"
contains 'No changes.'
table=$(nft_ns list table inet kilter)
grep -qE 'update @kilter_rate4_[0-9a-f]{12} \{ ip saddr limit rate 5/second( burst 5 packets)? \}' <<<"$table" \
  || fail "no IPv4 rate meter in the table: $table"
grep -qE 'update @kilter_rate6_[0-9a-f]{12} \{ ip6 saddr limit rate 5/second' <<<"$table" \
  || fail "no IPv6 rate meter in the table: $table"
grep -qE 'add @kilter_conn4_[0-9a-f]{12} \{ ip saddr ct count 3 \}' <<<"$table" \
  || fail "no connection meter in the table: $table"

echo "== per source: the flood is cut to its bucket, the client gets every connection"
sleep 1.2  # full buckets
burst "$rate_port" 40 3
[ "$client" = 3 ] || fail "the client got $client of 3 connections beside a flood"
[ "$flood" -ge 5 ] && [ "$flood" -le 15 ] || fail "the flood got $flood of 40 connections (rate 5/s, burst 5)"
meter=$(nft_ns list table inet kilter | grep -A8 'set kilter_rate4_')
grep -q '127.0.0.2' <<<"$meter" && grep -q '127.0.0.3' <<<"$meter" \
  || fail "the rate meter does not hold both sources: $meter"

echo "== per source: each source holds at most 3 connections"
burst "$conn_port" 6 3
[ "$flood" = 3 ] || fail "the flood holds $flood connections, max is 3"
[ "$client" = 3 ] || fail "the client holds $client connections beside the flood, max is 3"

echo "== one bucket for the rule: the same flood starves the client"
ruleset rule
run 0 "$KILTER" check "$specs"
contains 'one rate bucket shared by every source'
run 0 "$KILTER" apply "$specs" --auto-approve
sleep 1.2
burst "$rate_port" 40 3
[ "$client" -lt 3 ] || fail "with one shared bucket the client still got all $client connections"

echo "== a meter or an IPv6 half changed by hand is drift; apply puts it back"
ruleset source
run 0 "$KILTER" apply "$specs" --auto-approve
before=$(nft_ns list chain inet kilter input)
handle=$(nft_ns -a list chain inet kilter input | sed -n 's/.*update @kilter_rate6_.*# handle \([0-9]*\)$/\1/p')
[ -n "$handle" ] || fail "no IPv6 half of api-rate to delete"
nft_ns delete rule inet kilter input handle "$handle"
run 2 "$KILTER" drift "$specs"
contains 'firewall.rule "api-rate" @ fw'
contains 'per_source_families'
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$before" = "$(nft_ns list chain inet kilter input)" ] || fail "apply did not put the IPv6 half back"
run 0 "$KILTER" plan "$specs"
contains 'No changes.'

echo "== kilter import writes the limits back as specs: nothing to do"
reimport "$specs/firewall.kilt" firewall fw
[ "$(grep -cE '^    per += "source"$' <<<"$imported")" = 2 ] \
  || fail "import lacks the per-source limits: $imported"
grep -qE '^    max += 3$' <<<"$imported" || fail "import lacks api-connections' max: $imported"
grep -q 'firewall.set' <<<"$imported" && fail "import wrote a meter as a firewall.set: $imported"
echo "PASS"
