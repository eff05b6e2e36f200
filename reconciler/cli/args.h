#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace kilter::cli {

/// A command line that does not fit the command's flags.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parsed arguments: `--flag`, `--opt VALUE` / `--opt=VALUE` (repeatable),
/// `-o VALUE` short aliases, and positionals. `--` ends flags.
class Args {
 public:
  /// `flags` take no value; `options` take one. Short aliases map e.g. "o" -> "output".
  Args(const std::vector<std::string>& argv, const std::set<std::string>& flags,
       const std::set<std::string>& options, const std::map<std::string, std::string>& short_names = {});

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  /// The last value of an option, or `fallback`.
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  /// Every value of a repeatable option, in order.
  std::vector<std::string> GetAll(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

}  // namespace kilter::cli
