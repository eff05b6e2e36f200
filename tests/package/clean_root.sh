#!/usr/bin/env bash
# The package installs with apt on a clean Debian 12 root, which pulls in its
# Depends and nothing else, and there `kilter --version`, `kilter check` of
# the reference specs, `man kilter` and the bash completion work.
#
# The root is a minimal bookworm (debootstrap --variant=minbase, plus man-db
# to read the page) from the Debian mirror this machine's apt uses. It is made
# once and kept in CACHE; each run installs into a fresh copy of it. A root
# that cannot be made fails the test: it is never skipped.
source "$(dirname "$0")/lib.sh"
deb=${1:?usage: clean_root.sh PACKAGE.deb CACHE}
cache=${2:?usage: clean_root.sh PACKAGE.deb CACHE}
src=${KILTER_SOURCE_DIR:?}
[ -f "$deb" ] || { fail "no package at $deb"; finish; exit; }
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)

# The bookworm mirror apt uses here, e.g. http://deb.debian.org/debian/.
mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Identifier: Packages' |
  awk '$2 == "bookworm" {print $1; exit}')
[ -n "$mirror" ] || { fail "apt has no source for Debian 12 (bookworm)"; finish; exit; }

if [ ! -e "$cache/.complete" ]; then
  echo "making the clean root in $cache from $mirror (once)"
  "${as_root[@]}" rm -rf "$cache" "$cache.partial"
  if ! "${as_root[@]}" debootstrap --variant=minbase --include=man-db bookworm "$cache.partial" \
    "$mirror" >"$scratch/debootstrap.log" 2>&1; then
    fail "debootstrap could not make a Debian 12 root from $mirror:"$'\n'"$(tail -20 "$scratch/debootstrap.log")"
    finish
    exit
  fi
  "${as_root[@]}" touch "$cache.partial/.complete"
  "${as_root[@]}" mv "$cache.partial" "$cache"
fi

root=$scratch/root
trap '"${as_root[@]}" rm -rf "$scratch"' EXIT
"${as_root[@]}" cp -a "$cache" "$root"
# Names resolve in the root as they do here (the mirror may be a local name).
"${as_root[@]}" cp /etc/hosts /etc/resolv.conf "$root/etc/"
"${as_root[@]}" cp "$deb" "$root/tmp/kilter.deb"
"${as_root[@]}" cp -r "$src/specs" "$root/tmp/specs"
in_root() { "${as_root[@]}" chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

expect_status 0 in_root apt-get -o Acquire::Languages=none update
expect_status 0 in_root env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends /tmp/kilter.deb
installed=$(in_root dpkg-query -W -f '${Package}\n' | sort)
expect_status 0 dpkg-deb -f "$deb" Depends
for lib in $(tr ',' '\n' <<<"$out" | awk '{print $1}'); do
  grep -qx "$lib" <<<"$installed" || fail "apt did not install $lib, a Depends of kilter"
done
grep -qx kilter <<<"$installed" || { fail "kilter is not installed in the root"; finish; exit; }

expect_status 0 in_root kilter --version
[ "$out" = "$("$KILTER" --version)" ] || fail "kilter --version in the root says '$out'"
expect_status 0 in_root kilter check /tmp/specs
expect_out "0 errors"

expect_status 0 in_root man -w kilter
[ "$out" = /usr/share/man/man1/kilter.1.gz ] || fail "man -w kilter finds '$out'"
# Wide lines: no justification stretches the spaces of a line.
expect_status 0 in_root env MANWIDTH=1000 man -P cat kilter
expect_out "kilter - a declarative configuration compiler"
for c in $(help_commands); do
  grep -qx "   $c" <<<"$out" || fail "man kilter in the root has no section for $c"
done

expect_status 0 in_root bash -c 'source /usr/share/bash-completion/completions/kilter &&
  COMP_WORDS=(kilter chec) COMP_CWORD=1 && _kilter && echo "${COMPREPLY[*]}"'
[ "$out" = check ] || fail "the completion in the root offers '$out' for kilter chec<TAB>"
finish
