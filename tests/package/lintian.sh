#!/usr/bin/env bash
# lintian finds no error and no warning in the package. The tags it would
# raise otherwise are overridden, each with its reason, in
# packaging/lintian-overrides, which the package ships. Left as information
# (not failures): the binary keeps its .comment section, and it is built
# without bindnow and _FORTIFY_SOURCE (the project's compile flags).
source "$(dirname "$0")/lib.sh"
deb=${1:?usage: lintian.sh PACKAGE.deb}
[ -f "$deb" ] || { fail "no package at $deb"; finish; exit; }
expect_status 0 lintian --fail-on error,warning --display-info "$deb"
! grep -E '^[EW]: ' <<<"$out" || fail "lintian reports errors or warnings"
# The overrides are read: without them the changelog's first entry is a warning.
expect_status 0 lintian --show-overrides "$deb"
expect_out "O: kilter: initial-upload-closes-no-bugs"
finish
