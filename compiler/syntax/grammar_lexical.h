#pragma once

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
struct reserved
    : pegtl::sor<pegtl::keyword<'a', 's', 's', 'e', 'r', 't'>, pegtl::keyword<'e', 'l', 's', 'e'>,
                 pegtl::keyword<'f', 'a', 'l', 's', 'e'>, pegtl::keyword<'f', 'o', 'r'>,
                 pegtl::keyword<'g', 'r', 'o', 'u', 'p'>, pegtl::keyword<'i', 'f'>,
                 pegtl::keyword<'i', 'm', 'p', 'o', 'r', 't'>, pegtl::keyword<'i', 'n'>,
                 pegtl::keyword<'l', 'e', 't'>, pegtl::keyword<'m', 'o', 'd', 'u', 'l', 'e'>,
                 pegtl::keyword<'o', 'n'>, pegtl::keyword<'p', 'a', 'r', 'a', 'm'>,
                 pegtl::keyword<'s', 'c', 'h', 'e', 'm', 'a'>,
                 pegtl::keyword<'s', 'e', 'n', 's', 'i', 't', 'i', 'v', 'e'>,
                 pegtl::keyword<'t', 'r', 'u', 'e'>, pegtl::keyword<'u', 's', 'e'>,
                 pegtl::keyword<'w', 'a', 'r', 'n'>> {};

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
}  // namespace tao::pegtl
