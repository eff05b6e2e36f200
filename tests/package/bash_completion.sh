#!/usr/bin/env bash
# The bash completion, generated at build time from the command table, offers
# the commands `kilter --help` lists, then exactly the flags each command's
# --help names, and leaves other words to file name completion.
source "$(dirname "$0")/lib.sh"
script=${1:?usage: bash_completion.sh COMPLETION}
source "$script" || fail "cannot source $script"
declare -F _kilter >/dev/null || { fail "$script defines no _kilter"; finish; exit; }
complete -p kilter | grep -q -- '-F _kilter' || fail "$script does not register _kilter for kilter"

# completes WORD...: what _kilter offers for the last word of `kilter WORD...`, sorted.
completes() {
  COMP_WORDS=(kilter "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _kilter
  ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | sort
}

commands=$(help_commands)
[ -n "$commands" ] || fail "kilter --help lists no commands"
want=$(printf '%s\n' $commands --help --version | sort)
got=$(completes "")
[ "$got" = "$want" ] || fail "kilter <TAB> offers"$'\n'"$got"$'\n'"expected"$'\n'"$want"
[ "$(completes ch)" = check ] || fail "kilter ch<TAB> offers '$(completes ch)', expected check"

for c in $commands; do
  want=$( (help_flags "$c"; echo --help) | sort -u)
  got=$(completes "$c" -)
  [ "$got" = "$want" ] || fail "kilter $c -<TAB> offers"$'\n'"$got"$'\n'"expected"$'\n'"$want"
done
[ -z "$(completes check spe)" ] || fail "kilter check spe<TAB> offers '$(completes check spe)', not files"
[ -z "$(completes no-such-command -)" ] || fail "kilter no-such-command -<TAB> offers flags"
finish
