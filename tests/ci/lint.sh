#!/usr/bin/env bash
# The CI examples are well formed: every YAML file under examples/ci passes
# yamllint (strict: warnings fail too), every script passes shellcheck and
# is executable, and every ci/kilter/SCRIPT the workflows, the pipeline and
# the Kubernetes Job call is one of examples/ci/scripts. actionlint would
# check the workflows' expressions too, but Debian does not package it
# (`apt-cache policy actionlint` finds no candidate), so it is not run.
set -euo pipefail
ci=${KILTER_SOURCE_DIR:?run through ctest}/examples/ci
fail() { echo "FAIL: $*" >&2; exit 1; }

mapfile -t yaml < <(find "$ci" -name '*.yml' -o -name '*.yaml' | sort)
[ "${#yaml[@]}" -ge 7 ] || fail "expected the workflows, the pipeline and the manifests, found: ${yaml[*]}"
yamllint --strict -c "$(dirname "$0")/yamllint.yml" "${yaml[@]}"

for script in "$ci"/scripts/*.sh; do
  [ -x "$script" ] || grep -q '^# shellcheck shell=bash' "$script" || fail "$script is not executable"
done
(cd "$ci/scripts" && shellcheck -x ./*.sh)

mapfile -t called < <(grep -ho 'ci/kilter/[a-z-]*\.sh' "${yaml[@]}" | sort -u)
[ "${#called[@]}" -ge 10 ] || fail "the workflows call only: ${called[*]}"
for c in "${called[@]}"; do
  [ -f "$ci/scripts/${c#ci/kilter/}" ] || fail "a workflow calls $c, which is not in examples/ci/scripts"
done
echo "PASS: ${#yaml[@]} YAML files, $(ls "$ci"/scripts/*.sh | wc -l) scripts, ${#called[@]} called"
