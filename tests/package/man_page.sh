#!/usr/bin/env bash
# kilter(1), generated at build time from the command table, renders with no
# groff warning, carries kilter's version, and has a section for every command
# `kilter --help` lists naming every flag of that command's --help.
source "$(dirname "$0")/lib.sh"
page=${1:?usage: man_page.sh KILTER.1}
[ -s "$page" ] || { fail "no man page at $page"; finish; exit; }

warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
[ -z "$warnings" ] || fail "man warns about $page:"$'\n'"$warnings"
# Wide lines, so no flag is hyphenated across a line break.
text=$(MANWIDTH=1000 man -P cat -l "$page" 2>/dev/null)
grep -q '^NAME$' <<<"$text" || fail "the page has no NAME section: $text"

expect_status 0 "$KILTER" --version
version=$(awk '{print $2}' <<<"$out")
grep -q "^kilter $version  *KILTER(1)$" <<<"$text" ||
  fail "the page's footer does not name kilter $version: $(tail -1 <<<"$text")"

commands=$(help_commands)
[ -n "$commands" ] || fail "kilter --help lists no commands"
for c in $commands; do
  # The command's section: from its heading to the next heading.
  section=$(awk -v c="$c" '$0 == "   " c {on = 1; next} on && /^(   )?[A-Za-z]/ {exit} on' <<<"$text")
  [ -n "$section" ] || { fail "the page has no section for $c"; continue; }
  grep -qF "kilter $c" <<<"$section" || fail "the section of $c has no usage line"
  for flag in $(help_flags "$c"); do
    grep -qE -- "(^|[ ,])$flag( |,|$)" <<<"$section" ||
      fail "the section of $c does not name $flag"
  done
done
finish
