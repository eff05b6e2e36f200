// [[suppress]] entries of kilter.toml: known drift that `kilter drift` should
// not fail on until it expires.
#include <cctype>

#include <fmt/format.h>

#include "compiler/base/spellcheck.h"
#include "compiler/inventory/inventory_loader.h"

namespace kilter::compiler {

namespace {

bool LeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// True for a real calendar date written YYYY-MM-DD.
bool ValidDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  int year = std::stoi(s.substr(0, 4));
  int month = std::stoi(s.substr(5, 2));
  int day = std::stoi(s.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  int days = kDays[month - 1] + (month == 2 && LeapYear(year) ? 1 : 0);
  return day <= days;
}

/// Splits `TYPE "NAME" @ HOST` into its host, or returns false when the text
/// does not have that shape.
bool AddressHost(const std::string& address, std::string& host) {
  size_t at = address.rfind("\" @ ");
  size_t space = address.find(" \"");
  if (at == std::string::npos || space == std::string::npos || space == 0 || space + 1 > at) {
    return false;
  }
  host = address.substr(at + 4);
  return !host.empty() && host.find(' ') == std::string::npos;
}

}  // namespace

void InventoryLoader::LoadSuppressions(const toml::node& node) {
  const toml::array* list = node.as_array();
  if (!list) {
    diags_.Error("E0403", NodeSpan(node),
                 fmt::format("suppress must be an array of tables ([[suppress]]), not {}",
                             toml_value::TypeName(node)));
    return;
  }
  static const std::vector<std::string> kKeys = {"address", "reason", "expires"};
  std::vector<std::string> hosts;
  for (const auto& [name, span] : out_.host_spans) hosts.push_back(name);
  for (const toml::node& item : *list) {
    const toml::table* entry = Table(item, "each [[suppress]] entry");
    if (!entry) continue;
    catalog::Suppression s;
    bool ok = true;
    for (auto&& [key, value] : *entry) {
      std::string field(key.str());
      if (field == "address") {
        auto text = String(value, "address of [[suppress]]");
        std::string host;
        if (!text) {
          ok = false;
        } else if (!AddressHost(*text, host)) {
          ok = false;
          diags_.Error("E0406", NodeSpan(value),
                       fmt::format("\"{}\" is not a resource address", *text),
                       "write it as plans show it: TYPE \"NAME\" @ HOST, e.g. "
                       "php.opcache \"storefront\" @ web1");
        } else if (!out_.HasHost(host)) {
          ok = false;
          diags_.Error("E0405", NodeSpan(value),
                       fmt::format("suppression names host \"{}\", which is not in [hosts]", host),
                       DidYouMean(host, hosts));
        } else {
          s.address = *text;
        }
      } else if (field == "reason") {
        if (auto text = String(value, "reason of [[suppress]]")) s.reason = *text;
        else ok = false;
      } else if (field == "expires") {
        std::string date;
        if (const auto* d = value.as_date()) {
          date = fmt::format("{:04}-{:02}-{:02}", d->get().year, d->get().month, d->get().day);
        } else if (const auto* text = value.as_string()) {
          date = text->get();
        }
        if (!ValidDate(date)) {
          ok = false;
          diags_.Error("E0406", NodeSpan(value), "expires of [[suppress]] must be a date",
                       "write expires = 2025-06-30 (YYYY-MM-DD)");
        }
        s.expires = date;
      } else {
        UnknownKey(key, "[[suppress]]", kKeys);
      }
    }
    for (const char* required : {"address", "reason", "expires"}) {
      if (!entry->contains(required)) {
        ok = false;
        Missing(NodeSpan(item), required, "this [[suppress]] entry",
                "every suppression names an address, a reason and an expiry date");
      }
    }
    if (ok) out_.suppressions.push_back(std::move(s));
  }
}

}  // namespace kilter::compiler
