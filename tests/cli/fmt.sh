#!/usr/bin/env bash
# kilter fmt: rewrites unformatted files only, leaves files with syntax errors
# untouched, --check changes nothing and names what would change.
source "$(dirname "$0")/lib.sh"
cd "$scratch"
mkdir -p specs/sub
printf 'let   x=1\n' >specs/messy.kilt
printf 'let y = 2\n' >specs/sub/tidy.kilt
printf 'let z = = 3\n' >specs/broken.kilt
cp specs/messy.kilt messy.orig
cp specs/broken.kilt broken.orig
chmod 0640 specs/messy.kilt

expect_status 1 "$KILTER" fmt --check specs
expect_out "specs/messy.kilt: not formatted"
grep -q "tidy.kilt" <<<"$out" && fail "--check named a formatted file: $out"
cmp -s specs/messy.kilt messy.orig || fail "--check changed a file"

rm specs/broken.kilt
expect_status 1 "$KILTER" fmt --check specs
expect_status 0 "$KILTER" fmt specs
expect_out "specs/messy.kilt: formatted"
[ "$(cat specs/messy.kilt)" = "let x = 1" ] || fail "messy.kilt is now: $(cat specs/messy.kilt)"
[ "$(stat -c %a specs/messy.kilt)" = 640 ] || fail "fmt changed the file mode"
expect_status 0 "$KILTER" fmt --check specs
expect_status 0 "$KILTER" fmt specs
[ -z "$out" ] || fail "formatting formatted files said: $out"

cp broken.orig specs/broken.kilt
expect_status 1 "$KILTER" fmt specs
expect_out "specs/broken.kilt:1:9: error["
expect_out "specs/broken.kilt: not formatted, it has syntax errors"
cmp -s specs/broken.kilt broken.orig || fail "fmt touched a file with syntax errors"
[ -z "$(find specs -name '.*')" ] || fail "fmt left temporary files: $(find specs -name '.*')"

expect_status 1 "$KILTER" fmt does-not-exist.kilt
expect_out "error[E0409]"
finish
