#!/usr/bin/env bash
# kilter explain prints each documented page verbatim, and suggests a code for a typo.
source "$(dirname "$0")/lib.sh"
docs=${KILTER_SOURCE_DIR:?}/docs/errors
for page in "$docs"/[EW][0-9][0-9][0-9][0-9].md; do
  code=$(basename "$page" .md)
  "$KILTER" explain "$code" >"$scratch/out" || fail "kilter explain $code failed"
  cmp -s "$page" "$scratch/out" || fail "kilter explain $code differs from $page"
done
expect_status 0 "$KILTER" explain e0401
expect_out "# E0401:"
expect_status 1 "$KILTER" explain E0499
expect_out "no code E0499 is documented"
expect_status 0 "$KILTER" explain --list
expect_out "E0401  the inventory is not valid TOML"
finish
