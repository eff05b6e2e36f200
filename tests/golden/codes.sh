#!/usr/bin/env bash
# Every diagnostic code the compiler can emit is documented in docs/errors/,
# and every documented code has at least one golden case showing it
# (tests/golden/error/CODE-* or tests/golden/warn/CODE-*).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)

# Code literals in the sources ("E0203", "W0201"), tests excluded.
emitted=$(grep -rhoE --include='*.cc' --include='*.h' '"[EW][0-9]{4}"' \
            "$src/compiler" "$src/reconciler" --exclude='*_test.cc' | tr -d '"' | sort -u)
documented=$(find "$src/docs/errors" -name '[EW][0-9][0-9][0-9][0-9].md' -printf '%f\n' |
               sed 's/\.md$//' | sort -u)

status=0
for code in $emitted; do
  if [ ! -f "$src/docs/errors/$code.md" ]; then
    echo "FAIL $code is emitted by the compiler but docs/errors/$code.md does not exist"
    status=1
  fi
done
for code in $documented; do
  if ! compgen -G "$src/tests/golden/error/$code-*" >/dev/null &&
     ! compgen -G "$src/tests/golden/warn/$code-*" >/dev/null; then
    echo "FAIL $code is documented but has no golden case (tests/golden/{error,warn}/$code-*)"
    status=1
  fi
  if ! grep -q "^| \[$code\]" "$src/docs/errors/README.md"; then
    echo "FAIL $code is not listed in docs/errors/README.md"
    status=1
  fi
done
echo "codes: $(echo "$emitted" | wc -w) emitted, $(echo "$documented" | wc -w) documented"
exit $status
