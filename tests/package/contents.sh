#!/usr/bin/env bash
# The package holds what an install needs where Debian looks for it, under the
# version kilter reports, and depends on the shared libraries kilter links
# (found by dpkg-shlibdeps), nothing else.
source "$(dirname "$0")/lib.sh"
deb=${1:?usage: contents.sh PACKAGE.deb}
[ -f "$deb" ] || { fail "no package at $deb"; finish; exit; }

expect_status 0 dpkg-deb -c "$deb"
for path in ./usr/bin/kilter ./usr/share/man/man1/kilter.1.gz \
  ./usr/share/bash-completion/completions/kilter ./usr/share/doc/kilter/copyright \
  ./usr/share/doc/kilter/changelog.Debian.gz ./usr/share/lintian/overrides/kilter; do
  grep -qE " $path\$" <<<"$out" || fail "the package lacks $path"
done

# The Debian version is the project's, plus the revision of packaging/changelog.
version=$("$KILTER" --version | awk '{print $2}')
expect_status 0 dpkg-deb -f "$deb" Version
[[ $out =~ ^$version-[0-9]+$ ]] || fail "package version $out does not extend kilter's $version"

expect_status 0 dpkg-deb -f "$deb" Depends
depends=$(tr ',' '\n' <<<"$out" | awk '{print $1}')
for lib in libc6 libstdc++6 libssh2-1 libfmt9 libtomlplusplus3; do
  grep -qxF "$lib" <<<"$depends" || fail "Depends lacks $lib: $out"
done
grep -qE "openssh|mariadb|nftables|restic" <<<"$out" && fail "Depends names a managed host's tool: $out"

# The packaged binary is the one built, stripped: same version and commit.
dpkg-deb -x "$deb" "$scratch/root"
want=$("$KILTER" --version)
expect_status 0 "$scratch/root/usr/bin/kilter" --version
[ "$out" = "$want" ] || fail "the packaged kilter says '$out', the built one '$want'"
file "$scratch/root/usr/bin/kilter" | grep -q ", stripped" || fail "the packaged kilter is not stripped"
finish
