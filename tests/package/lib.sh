# Helpers for the package tests, on top of the CLI tests' (../cli/lib.sh):
# what kilter's own --help says, to hold the generated files against.
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"

# help_commands: the commands `kilter --help` lists, one a line.
help_commands() {
  "$KILTER" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}'
}

# help_flags COMMAND: the flags the items of `kilter COMMAND --help` name
# ("  -o, --output FILE    text" gives -o and --output), one a line.
help_flags() {
  "$KILTER" "$1" --help | awk -F '  +' '/^  -/ {print $2}' | grep -oE -- '--?[a-z][a-z-]*'
}
