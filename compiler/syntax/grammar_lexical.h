#pragma once

#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

/// Lexical rules of the grammar: whitespace and comments, reserved words, and
/// the line-break test that separates fields and statements.
namespace kilter::compiler::grammar {

namespace pegtl = tao::pegtl;

/// `# ...` up to (not including) the end of the line.
struct comment : pegtl::seq<pegtl::one<'#'>, pegtl::star<pegtl::not_one<'\n'>>> {};
struct blanks : pegtl::plus<pegtl::one<' ', '\t', '\r', '\n'>> {};
/// Whitespace including line breaks and comments. Line breaks matter only as
/// separators, which `newline_before` checks after the fact.
struct ws : pegtl::star<pegtl::sor<blanks, comment>> {};

/// Words that cannot name a value, a parameter, a group or a module.
inline constexpr std::string_view kKeywords[] = {
    "assert", "else", "false", "for", "group", "if", "import", "in", "let",
    "module", "on", "param", "schema", "sensitive", "true", "use", "warn",
};

/// Matches a whole keyword. Written by hand rather than as a sor<keyword...>:
/// it runs before every name, and comparing one word against the table is
/// much cheaper than trying seventeen rules.
struct reserved {
  using rule_t = reserved;
  using subs_t = pegtl::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const char* p = in.current();
    const char* end = in.end();
    size_t n = 0;
    while (p + n != end && ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') ||
                            (p[n] >= '0' && p[n] <= '9') || p[n] == '_')) {
      ++n;
    }
    std::string_view word(p, n);
    for (std::string_view k : kKeywords) {
      if (k == word) {
        in.bump(n);
        return true;
      }
    }
    return false;
  }
};

/// Succeeds, consuming nothing, when the whitespace just skipped contained a
/// line break: fields and statements are separated by line breaks (or commas).
/// Comments always end at a line break, so looking back over blanks suffices.
struct newline_before {
  using rule_t = newline_before;
  using subs_t = pegtl::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) noexcept {
    const char* p = in.current();
    const char* begin = in.begin();
    while (p != begin) {
      char c = *(p - 1);
      if (c == '\n') return true;
      if (c != ' ' && c != '\t' && c != '\r') return false;
      --p;
    }
    return false;
  }
};

}  // namespace kilter::compiler::grammar

namespace tao::pegtl {
template <typename Name>
struct analyze_traits<Name, kilter::compiler::grammar::newline_before> : analyze_opt_traits<> {};
template <typename Name>
struct analyze_traits<Name, kilter::compiler::grammar::reserved> : analyze_any_traits<> {};
}  // namespace tao::pegtl
