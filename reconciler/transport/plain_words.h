#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kilter::reconciler {

/// The words of a command line that is only a program and its arguments,
/// as ShellJoin writes one: words of characters the shell never interprets,
/// and single-quoted text ('\'' for a quote). nullopt for anything the
/// shell would do more with: variables, globs, redirections, pipes, lists,
/// double quotes, backslashes, an assignment, or a first word that is a
/// shell keyword or builtin. The local transport runs such a line without
/// /bin/sh, which would only fork the program and wait.
std::optional<std::vector<std::string>> PlainWords(const std::string& shell);

}  // namespace kilter::reconciler
