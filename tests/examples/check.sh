#!/usr/bin/env bash
# An example must stay exemplary: `kilter check` passes with no diagnostic at
# all, `kilter compile` succeeds, and its files are formatted (`kilter fmt --check`).
#
#   check.sh EXAMPLE_DIR
set -uo pipefail
dir=${1:?usage: check.sh EXAMPLE_DIR}
KILTER=${KILTER:?KILTER names the kilter binary}
export NO_COLOR=1
status=0

out=$("$KILTER" check "$dir" 2>&1)
if [ $? != 0 ] || [ "$(tail -n1 <<<"$out")" != "0 errors, 0 warnings" ]; then
  echo "FAIL kilter check $dir:"; echo "$out"; status=1
fi
if ! out=$("$KILTER" compile "$dir" -o - 2>&1 >/dev/null); then
  echo "FAIL kilter compile $dir:"; echo "$out"; status=1
fi
if ! out=$("$KILTER" fmt --check "$dir" 2>&1); then
  echo "FAIL kilter fmt --check $dir (run kilter fmt $dir):"; echo "$out"; status=1
fi
exit $status
