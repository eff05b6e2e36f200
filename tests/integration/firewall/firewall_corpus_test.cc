// Real rulesets of other tools (tests/data/nftables/) loaded beside
// kilter's table: kilter's plans and applies leave every one of their tables
// byte-for-byte as it was, and the plan names them as untouched.
#include <cstdlib>
#include <sstream>

#include "netns_host.h"

namespace kilter::firewall_it {

namespace {

/// `nft list table` of every table but kilter's, by "FAMILY NAME".
std::map<std::string, std::string> OtherTables(NetnsHost& h) {
  std::map<std::string, std::string> out;
  std::istringstream tables(h.Nft("list tables"));
  std::string word, family, name;
  while (tables >> word >> family >> name) {
    if (family + " " + name == "inet kilter") continue;
    out[family + " " + name] = h.Nft("list table " + family + " " + name);
  }
  return out;
}

std::string Corpus(const std::string& file) {
  const char* corpus = std::getenv("KILTER_CORPUS");
  REQUIRE(corpus);
  return std::string(corpus) + "/nftables/" + file;
}

}  // namespace

TEST_CASE("other tools' rulesets stay byte-for-byte as they were", "[firewall]") {
  const char* files[] = {"debian-bookworm-default-nftables.conf.nft",
                         "debian-examples-workstation.nft", "archlinux-default-nftables.conf.nft",
                         "upstream-examples-sets_and_maps.nft"};
  for (const char* file : files) {
    SECTION(file) {
      NetnsHost h("corpus");
      if (std::string(file).rfind("upstream", 0) == 0) {
        // It names eth0..eth3 (resolved to indexes on load) and deletes `table ip
        // filter` first: give it both, inside the namespace only (two veth pairs).
        for (int i = 0; i < 4; i += 2) {
          h.Sh(fmt::format("ip -n {0} link show eth{1} >/dev/null 2>&1 || ip -n {0} link add eth{1} "
                           "type veth peer name eth{2}",
                           h.env["NETNS"], i, i + 1));
        }
        h.Nft("add table ip filter");
      }
      h.Nft("-f " + Corpus(file));
      std::map<std::string, std::string> before = OtherTables(h);
      REQUIRE_FALSE(before.empty());

      reconciler::firewall::test::AddSample(h.resources);
      std::vector<Change> plan = h.Plan();
      const reconciler::Action& nft = plan.front().actions.front();
      for (const auto& [table, text] : before) CHECK_THAT(nft.summary, Catch::Contains(table));
      h.Apply();
      CHECK(NetnsHost::Describe(h.Plan()).empty());
      h.resources.Add("firewall.rule", "late", {{"chain", "input"}, {"proto", "udp"}, {"dport", 53}});
      CHECK(h.Apply() == std::vector<std::string>{"create firewall.rule late"});
      CHECK(OtherTables(h) == before);
    }
  }
}

}  // namespace kilter::firewall_it
