#!/usr/bin/env bash
# kilter check as SARIF for code scanning: writes $KILTER_OUT/kilter.sarif and
# exits as kilter check does (1 on errors), so upload the SARIF even then.
. "$(dirname "$0")/lib.sh"
"$KILTER" check "$KILTER_SPECS" --format sarif > "$KILTER_OUT/kilter.sarif"
