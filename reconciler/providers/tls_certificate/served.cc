#include "reconciler/providers/tls_certificate/served.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "compiler/catalog/text.h"

namespace kilter::reconciler::tls_certificate {

using nlohmann::json;

std::string Handshake::Sni() const { return server_name.empty() ? "no SNI" : "SNI " + server_name; }

void to_json(json& j, const Handshake& h) {
  json chain = json::array();
  for (const kit::Certificate& c : h.chain) {
    chain.push_back({{"subject", c.subject}, {"sha256", c.sha256}, {"not_after", c.not_after}});
  }
  j = {{"server_name", h.server_name},
       {"exit_code", h.exit_code},
       {"chain", chain},
       {"error", h.error}};
}

void from_json(const json& j, Handshake& h) {
  h.server_name = j.at("server_name").get<std::string>();
  h.exit_code = j.at("exit_code").get<int>();
  h.error = j.at("error").get<std::string>();
  h.chain.clear();
  for (const json& c : j.at("chain")) {
    h.chain.push_back({c.at("subject").get<std::string>(), c.at("sha256").get<std::string>(),
                       c.at("not_after").get<int64_t>()});
  }
}

Handshake ParseHandshake(const std::string& server_name, int exit_code, const std::string& out) {
  Handshake h{server_name, exit_code, kit::ParseCertificates(out), ""};
  if (exit_code != 0 || h.chain.empty()) {
    // s_client's own error lines come last; the session summary before them.
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
      if (!catalog::Trim(line).empty()) h.error = catalog::Trim(line);
    }
    if (exit_code == 124) h.error = "no handshake within 10 s";
  }
  return h;
}

std::vector<std::string> ServedMismatches(const std::string& declared,
                                          const std::vector<Handshake>& handshakes) {
  std::vector<std::string> out;
  for (const Handshake& h : handshakes) {
    if (h.exit_code != 0 || h.chain.empty()) {
      out.push_back(fmt::format("the handshake with {} failed (exit {}): {}", h.Sni(), h.exit_code,
                                h.error.empty() ? "no certificate presented" : h.error));
    } else if (h.chain.front().sha256 != declared) {
      out.push_back(fmt::format("nginx serves SHA-256 {} ({}) with {}, declared SHA-256 {}",
                                h.chain.front().sha256, h.chain.front().subject, h.Sni(),
                                declared));
    }
  }
  return out;
}

std::optional<kit::Certificate> EarliestExpiry(const std::vector<kit::Certificate>& chain) {
  auto first = std::min_element(chain.begin(), chain.end(),
                                [](const kit::Certificate& a, const kit::Certificate& b) {
                                  return a.not_after < b.not_after;
                                });
  if (first == chain.end()) return std::nullopt;
  return *first;
}

std::optional<std::string> ExpiryProblem(const kit::Certificate& first, int64_t now,
                                         int64_t renew_before_s, const std::string& where) {
  int64_t left = first.not_after - now;
  if (left >= renew_before_s) return std::nullopt;
  if (left <= 0) {
    return fmt::format("the {} certificate {} expired on {}", where, first.subject,
                       kit::UtcTime(first.not_after));
  }
  return fmt::format(
      "the {} certificate {} expires on {} ({} days left), within renew_before ({} days): renew it",
      where, first.subject, kit::UtcTime(first.not_after), left / 86400, renew_before_s / 86400);
}

std::vector<std::string> OfferedProblems(const std::vector<std::string>& offered,
                                         const std::vector<std::string>& declared, int64_t port) {
  std::vector<std::string> out;
  for (const std::string& p : offered) {
    if (std::find(declared.begin(), declared.end(), p) != declared.end()) continue;
    std::string list;
    for (const std::string& d : declared) list += (list.empty() ? "" : ", ") + d;
    out.push_back(fmt::format(
        "nginx accepts {} on port {}, which protocols ({}) leaves out: another server block on "
        "that port (the default one) sets ssl_protocols, or nginx's OpenSSL ignores it",
        p, port, list));
  }
  return out;
}

}  // namespace kilter::reconciler::tls_certificate
