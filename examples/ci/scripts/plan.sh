#!/usr/bin/env bash
# plan.sh [K/N]: plans one shard of the hosts (see lib.sh `shard`) and saves
# it as $KILTER_OUT/plan-K-of-N.json for merge.sh and apply.sh.
. "$(dirname "$0")/lib.sh"
share=$(shard "${1:-}")
run_kilter plan "$KILTER_SPECS" --shard "$share" -o "$KILTER_OUT/plan-${share/\//-of-}.json" >&2
