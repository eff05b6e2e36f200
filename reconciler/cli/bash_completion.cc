#include "reconciler/cli/bash_completion.h"

#include <fmt/format.h>

#include "reconciler/cli/help_text.h"

namespace kilter::cli {

std::string BashCompletion(const std::vector<CommandSpec>& commands) {
  std::string names;
  std::string cases;
  for (const CommandSpec& c : commands) {
    names += std::string(c.name) + " ";
    std::vector<std::string> flags = HelpFlags(ParseHelp(c.help));
    flags.push_back("--help");
    cases += fmt::format("      {}) words=\"{}\" ;;\n", c.name, fmt::join(flags, " "));
  }
  return fmt::format(
      "# bash completion for kilter(1), generated from kilter's command table.\n"
      "_kilter() {{\n"
      "  local cur=${{COMP_WORDS[COMP_CWORD]}} words\n"
      "  if ((COMP_CWORD == 1)); then\n"
      "    words=\"{}--help --version\"\n"
      "  else\n"
      "    # Past the command, a word not starting with - is a file (complete -o default).\n"
      "    [[ $cur == -* ]] || return 0\n"
      "    case ${{COMP_WORDS[1]}} in\n"
      "{}"
      "      *) return 0 ;;\n"
      "    esac\n"
      "  fi\n"
      "  # Flags and command names hold no blanks or glob characters to split on.\n"
      "  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
      "}}\n"
      "complete -o default -F _kilter kilter\n",
      names, cases);
}

}  // namespace kilter::cli
