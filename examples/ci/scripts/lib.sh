# shellcheck shell=bash
# Shared by the CI scripts: where kilter, the specs and the outputs are, and
# which share of the hosts this job works on. Every setting is an environment
# variable, so GitHub Actions, GitLab CI and Kubernetes set them the same way.
set -euo pipefail

KILTER=${KILTER:-kilter}                # the kilter binary
KILTER_SPECS=${KILTER_SPECS:-specs}     # the specs directory (with kilter.toml)
KILTER_OUT=${KILTER_OUT:-kilter-out}    # plans, reports and comment bodies go here
mkdir -p "$KILTER_OUT"

die() { echo "kilter-ci: $*" >&2; exit 1; }

# shard [K/N]: the --shard of this job. The argument when given; else share
# JOB_COMPLETION_INDEX+1 of KILTER_SHARDS (a Kubernetes indexed Job); else 1/1,
# the whole inventory as one shard, so one code path merges and renders.
shard() {
  if [ -n "${1:-}" ]; then
    echo "$1"
  elif [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
    echo "$((JOB_COMPLETION_INDEX + 1))/${KILTER_SHARDS:?KILTER_SHARDS is the number of shards}"
  else
    echo 1/1
  fi
}

# run_kilter CMD...: runs kilter; its 0 (nothing to do) and 2 (changes, drift)
# are both success for CI, 1 is a failure.
run_kilter() {
  local status=0
  "$KILTER" "$@" || status=$?
  [ "$status" = 0 ] || [ "$status" = 2 ] || exit "$status"
}
