#include "reconciler/transport/plain_words.h"

#include <catch2/catch.hpp>

#include "reconciler/transport/shell_quote.h"

namespace kilter::reconciler {

using Words = std::vector<std::string>;

TEST_CASE("plain words: a program and its arguments, as ShellJoin writes them",
          "[transport][plain_words]") {
  CHECK(PlainWords("mariadb --defaults-file=/etc/a.cnf --batch") ==
        Words{"mariadb", "--defaults-file=/etc/a.cnf", "--batch"});
  CHECK(PlainWords("redis-cli  -h 127.0.0.1 CONFIG GET '*'") ==
        Words{"redis-cli", "-h", "127.0.0.1", "CONFIG", "GET", "*"});
  Words odd{"printf", "%s\n", "it's", "", "a b", "$HOME", "x;y"};
  CHECK(PlainWords(ShellJoin(odd)) == odd);
}

TEST_CASE("plain words: anything the shell would do more with is left to it",
          "[transport][plain_words]") {
  for (const char* line :
       {"echo $HOME", "ls *.conf", "a > b", "a | b", "a; b", "a && b", "a &", "echo \"x\"",
        "echo a\\ b", "X=1 prog", "exit 7", "cd /tmp", "read a", "'quoted' first", "sh -c 'x",
        "", "   ", "a\tb", "a\nb", "for x in a; do b; done", "(a)", "~/bin/x", "a # c"}) {
    INFO(line);
    CHECK_FALSE(PlainWords(line));
  }
}

}  // namespace kilter::reconciler
