#!/usr/bin/env bash
# Regenerates the JSON fixtures of the firewall unit tests from the real nft,
# inside a network namespace this script creates and removes (never the
# machine's own ruleset). Run as root: bash capture.sh
set -euo pipefail
cd "$(dirname "$0")"
corpus=${KILTER_CORPUS:-../../../../tests/data}/nftables
ns=kilter-fw-capture-$$
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
nft() { ip netns exec "$ns" nft "$@"; }

# Another tool's table first (the file flushes the ruleset), then the
# sample table exactly as kilter renders it, with live elements in its
# dynamic set (one with a timeout, as fail2ban adds them).
nft -f "$corpus/debian-examples-workstation.nft"
nft -f sample.nft
nft add element inet kilter blocklist '{ 198.18.0.0/15, 192.0.2.9 timeout 1h }'
nft -j list table inet kilter | python3 -m json.tool > sample.json

# Drift made by hand: a rule inserted at the top without kilter's mark, the
# icmp rule deleted, and the ssh rule moved to the end of its chain.
nft insert rule inet kilter input tcp dport 9999 accept
handle() { nft -a list chain inet kilter input | sed -n "s/.*comment \"kilter:$1\" # handle \([0-9]*\)/\1/p"; }
nft delete rule inet kilter input handle "$(handle icmp)"
nft delete rule inet kilter input handle "$(handle ssh)"
nft add rule inet kilter input ip saddr @admins tcp dport 22 counter accept comment '"kilter:ssh"'
nft -j list table inet kilter | python3 -m json.tool > edited.json

# Per-source limits exactly as kilter renders them, with a live element in
# a rate meter (as the first packet of a source adds it).
nft -f meters.nft
nft add element inet kilter kilter_rate4_625cd5c641d5 '{ 10.1.2.3 timeout 1m }'
nft -j list table inet kilter | python3 -m json.tool > meters.json

# Every table of the host: kilter's beside the other tool's.
nft -j list tables | python3 -m json.tool > tables.json
