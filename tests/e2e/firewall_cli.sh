#!/usr/bin/env bash
# The firewall through the real `kilter` binary, over SSH into the sshd that
# lives in the estate's network namespace: `kilter check` names a shadowed
# rule; apply then plan is empty; a plan that would lock kilter out fails
# (exit 1) and touches nothing; with --allow-lockout --confirm-timeout the
# lockout is applied, the fresh connection fails, the host rolls itself back
# and the apply says so (exit 1); access is back and the table is as before.
# The rollback lives in the engine's state_dir ([providers.kilter]). kilter
# import writes the table back as specs that plan with nothing to do.
. "$(dirname "$0")/lib.sh"
load_env netns
nft_ns() { ip netns exec "$NETNS" nft "$@"; }
nft_ns delete table inet kilter 2>/dev/null || true
trap 'nft_ns delete table inet kilter 2>/dev/null || true; rm -rf "$work"' EXIT

inventory_netns
ruleset() {  # ruleset SSH_ACTION [EXTRA RULE]
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
  chain  = "input"
  proto  = "tcp"
  dport  = $NETNS_SSH_PORT
  action = "$1"
}
${2:-}
KILT
}

echo "== kilter check names a shadowed rule"
ruleset accept 'firewall.rule "ssh-from-ci" on fw {
  chain = "input"
  saddr = 10.0.0.0/8
  proto = "tcp"
  dport = '"$NETNS_SSH_PORT"'
}'
run 0 "$KILTER" check "$specs"
contains 'shadowed'
contains 'ssh-from-ci'

echo "== apply over SSH, then plan is empty; a second apply changes nothing"
ruleset accept
run 2 "$KILTER" plan "$specs"
contains '+ firewall.rule "ssh" @ fw'
run 0 "$KILTER" apply "$specs" --auto-approve
run 0 "$KILTER" plan "$specs"
contains 'No changes.'
before=$(nft_ns list table inet kilter)
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$before" = "$(nft_ns list table inet kilter)" ] || fail "a second apply changed the table"

echo "== a rule added by hand in kilter's table is drift"
nft_ns add rule inet kilter input tcp dport 8080 accept
run 2 "$KILTER" drift "$specs"
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$before" = "$(nft_ns list table inet kilter)" ] || fail "apply did not remove the hand-made rule"

echo "== kilter import writes kilter's table back as specs: nothing to do"
ruleset accept 'firewall.set "admins" on fw {
  type     = "ipv4_addr"
  elements = [192.0.2.1, 10.0.0.0/8]
}

firewall.rule "web" on fw {
  chain   = "input"
  saddr   = "@admins"
  proto   = "tcp"
  dport   = [80, 443, 8000..8100]
  limit   = { rate = "10/second" }
  counter = true
}'
run 0 "$KILTER" apply "$specs" --auto-approve
reimport "$specs/firewall.kilt" firewall fw
grep -qF 'firewall.rule "web" on fw {' <<<"$imported" || fail "import lacks the web rule: $imported"
grep -qE '^  dport += \[80, 443, 8000\.\.8100\]$' <<<"$imported" || fail "import lacks web's ports: $imported"
grep -qE '^  policy += "drop"$' <<<"$imported" || fail "import lacks the input chain's policy: $imported"
ruleset accept
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$before" = "$(nft_ns list table inet kilter)" ] || fail "the table is not back as before"

echo "== a plan that would lock kilter out is an error; nothing changes"
ruleset drop
run 1 "$KILTER" plan "$specs"
contains 'would cut kilter off the host'
contains '--allow-lockout'
run 1 "$KILTER" apply "$specs" --auto-approve
[ "$before" = "$(nft_ns list table inet kilter)" ] || fail "a refused plan changed the table"

echo "== applied anyway, the host rolls itself back; access returns"
run 1 "$KILTER" apply "$specs" --auto-approve --allow-lockout --confirm-timeout 5s
contains 'the change was rolled back'
[ "$before" = "$(nft_ns list table inet kilter)" ] || fail "the rollback did not restore the table"
[ -f "$state/firewall/inet-kilter.fired" ] || fail "the rollback did not live in the engine's state_dir"
ruleset accept
run 0 "$KILTER" plan "$specs"
echo "PASS"
