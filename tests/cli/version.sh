#!/usr/bin/env bash
# `kilter --version` names the release and the git commit of the build, and
# the build stamp marks a tree with uncommitted changes "-dirty".
source "$(dirname "$0")/lib.sh"
src=${KILTER_SOURCE_DIR:?}

# The binary names a commit of this repository (the one it was built from:
# HEAD may have moved since, so it is not compared with HEAD).
expect_status 0 "$KILTER" --version
commit=$(sed -nE 's/^kilter 0\.1\.0 \(commit ([0-9a-f]{12})(-dirty)?\)$/\1/p' <<<"$out")
[ -n "$commit" ] || fail "kilter --version printed '$out', expected 'kilter 0.1.0 (commit HASH[-dirty])'"
[ -z "$commit" ] || git -C "$src" cat-file -e "$commit^{commit}" ||
  fail "kilter --version names $commit, which is no commit of $src"

# The stamp itself, on a scratch repository: clean, then with a changed file.
repo=$scratch/repo
git init -q "$repo"
echo one >"$repo/f"
git -C "$repo" add f
git -C "$repo" -c user.name=t -c user.email=t@example.invalid commit -qm one
stamp() {
  cmake -DSOURCE_DIR="$repo" -DOUTPUT="$scratch/version.cc" -DVERSION=9.9.9 \
    -P "$src/reconciler/cli/version.cmake" || fail "version.cmake failed"
  out=$(cat "$scratch/version.cc")
}
commit=$(git -C "$repo" rev-parse --short=12 HEAD)
stamp
expect_out "return \"9.9.9\";"
expect_out "return \"$commit\";"
echo two >"$repo/f"
stamp
expect_out "return \"$commit-dirty\";"
rm -rf "$repo/.git"
stamp
expect_out "return \"unknown\";"
finish
