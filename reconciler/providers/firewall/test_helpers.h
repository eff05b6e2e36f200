#pragma once

#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/catalog/catalog.h"

/// Shared by the firewall provider's unit tests: catalog resources as the
/// compiler would produce them, and the fixtures captured from real nft.
namespace kilter::reconciler::firewall::test {

/// Resources of one host, kept at stable addresses for the model's pointers.
class Resources {
 public:
  const catalog::Resource& Add(const std::string& type, const std::string& name,
                               nlohmann::json fields) {
    catalog::Resource r;
    r.type = type;
    r.name = name;
    r.host = "fw1";
    r.fields = std::move(fields);
    r.source = {"specs/firewall.kilt", static_cast<uint32_t>(store_.size() + 1), 1};
    store_.push_back(std::move(r));
    return store_.back();
  }
  std::vector<const catalog::Resource*> All() const {
    std::vector<const catalog::Resource*> out;
    for (const catalog::Resource& r : store_) out.push_back(&r);
    return out;
  }
  catalog::Resource& Last() { return store_.back(); }
  catalog::Resource& At(size_t i) { return store_.at(i); }

 private:
  std::deque<catalog::Resource> store_;
};

/// The sample estate of testdata/sample.nft: every kind of match kilter writes.
inline void AddSample(Resources& r) {
  using nlohmann::json;
  r.Add("firewall.set", "blocklist",
        {{"type", "ipv4_addr"}, {"elements", json::array()}, {"dynamic", true},
         {"flags", {"interval", "timeout"}}});
  r.Add("firewall.set", "admins",
        {{"type", "ipv4_addr"}, {"elements", {"203.0.113.0/24", "198.51.100.7"}},
         {"dynamic", false}, {"flags", json::array()}});
  r.Add("firewall.chain", "input",
        {{"hook", "input"}, {"policy", "drop"}, {"priority", 0}, {"type", "filter"}});
  r.Add("firewall.chain", "web_in",
        {{"hook", nullptr}, {"policy", "accept"}, {"priority", 0}, {"type", "filter"}});
  r.Add("firewall.rule", "established",
        {{"chain", "input"}, {"ct_state", {"related", "established"}}, {"action", "accept"}});
  r.Add("firewall.rule", "loopback", {{"chain", "input"}, {"iif", "lo"}, {"action", "accept"}});
  r.Add("firewall.rule", "blocked", {{"chain", "input"}, {"saddr", "@blocklist"}, {"action", "drop"}});
  r.Add("firewall.rule", "ssh",
        {{"chain", "input"}, {"proto", "tcp"}, {"dport", 22}, {"saddr", "@admins"},
         {"counter", true}, {"action", "accept"}});
  r.Add("firewall.rule", "web",
        {{"chain", "input"}, {"proto", "tcp"}, {"dport", {443, 80}}, {"action", "jump"},
         {"target", "web_in"}});
  r.Add("firewall.rule", "app",
        {{"chain", "input"}, {"proto", "tcp"}, {"dport", {{"from", 8000}, {"to", 8100}}},
         {"limit", {{"rate", "10/second"}, {"burst", 20}}}, {"log", "app: "}, {"action", "accept"}});
  r.Add("firewall.rule", "dns6",
        {{"chain", "input"}, {"saddr", "2001:db8::/32"}, {"proto", "udp"}, {"sport", 53},
         {"action", "accept"}});
  r.Add("firewall.rule", "icmp", {{"chain", "input"}, {"proto", "icmp"}, {"action", "accept"}});
  r.Add("firewall.rule", "reject-internal",
        {{"chain", "input"}, {"daddr", "10.0.0.1"}, {"action", "reject"}});
  r.Add("firewall.rule", "internal",
        {{"chain", "web_in"}, {"saddr", "10.0.0.0/8"}, {"action", "accept"}});
  r.Add("firewall.rule", "out-eth",
        {{"chain", "output"}, {"oif", "eth0"}, {"proto", "icmpv6"}, {"action", "accept"}});
}

/// A file of testdata/, beside this header (found from the source tree's
/// absolute path: __FILE__ may be relative to a build directory).
inline std::string Fixture(const std::string& name) {
  std::filesystem::path path =
      std::filesystem::path(KILTER_SOURCE_DIR) / "reconciler/providers/firewall/testdata" / name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("missing fixture " + path.string());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace kilter::reconciler::firewall::test
