// Lockout protection for real: kilter reaches the test host over SSH, into
// an sshd that runs inside the estate's network namespace, and the ruleset
// it loads there can really cut that connection.
#include "netns_host.h"

namespace kilter::firewall_it {

namespace {

/// The netns host reached over SSH, with nft run by the sshd's own shell
/// (already inside the namespace). `local` runs nft from the root namespace
/// to look at the table without SSH.
struct SshHost {
  NetnsHost local{"ssh"};
  std::map<std::string, std::string>& env = local.env;
  catalog::Host host{"fw-ssh", env["NETNS_SSH_HOST"], env["NETNS_SSH_USER"],
                     std::stoi(env["NETNS_SSH_PORT"]), "ssh", env["NETNS_SSH_IDENTITY"],
                     json::object()};
  reconciler::TransportOptions options{env["NETNS_KNOWN_HOSTS"], std::chrono::seconds(3)};
  std::unique_ptr<reconciler::Provider> provider = reconciler::MakeProvider("firewall.rule");
  std::unique_ptr<reconciler::Transport> transport = reconciler::Connect(host, options);
  reconciler::firewall::test::Resources resources;
  reconciler::RunOptions run;
  json settings = kilter::testing::DefaultSettings(provider->name());

  SshHost() {
    settings["state_dir"] = env["NETNS_STATE_DIR"] + "/ssh";
    settings["confirm_timeout"] = 6000;  // the catalog holds durations in milliseconds
    resources.Add("firewall.chain", "input", {{"hook", "input"}, {"policy", "drop"}});
    resources.Add("firewall.rule", "established",
                  {{"chain", "input"}, {"ct_state", {"established", "related"}}, {"action", "accept"}});
  }

  reconciler::ProviderContext Context() {
    return {host, settings, resources.All(), run,
            [this] { return reconciler::Connect(host, options); }};
  }

  std::vector<Change> Plan() {
    reconciler::ProviderContext ctx = Context();
    std::vector<Change> changes = provider->Diff(ctx, provider->Read(*transport, ctx));
    provider->Validate(*transport, ctx, changes);
    return changes;
  }

  void Apply() {
    std::vector<Change> acting;
    for (const Change& c : Plan()) {
      if (c.kind != ChangeKind::kNothing) acting.push_back(c);
    }
    provider->Apply(*transport, Context(), acting);
  }

  /// A brand-new SSH connection runs a command.
  bool Reachable() {
    try {
      reconciler::Command c;
      c.shell = "true";
      return reconciler::Connect(host, options)->Run(c).ok();
    } catch (const reconciler::TransportError&) {
      return false;
    }
  }
};

}  // namespace

TEST_CASE("over SSH: a ruleset that keeps kilter's SSH open applies and is confirmed",
          "[firewall]") {
  SshHost h;
  h.resources.Add("firewall.rule", "ssh",
                  {{"chain", "input"}, {"proto", "tcp"}, {"dport", std::stoi(h.env["NETNS_SSH_PORT"])},
                   {"saddr", h.env["NETNS_PREFIX"]}, {"action", "accept"}});
  h.Apply();
  CHECK(NetnsHost::Describe(h.Plan()).empty());
  CHECK(h.Reachable());
  CHECK_THAT(h.local.Nft("list chain inet kilter input"), Catch::Contains("policy drop"));
}

TEST_CASE("over SSH: a plan that would lock kilter out is refused", "[firewall]") {
  SshHost h;
  h.resources.Add("firewall.rule", "web", {{"chain", "input"}, {"proto", "tcp"}, {"dport", 443}});
  CHECK_THROWS_WITH(h.Plan(), Catch::Contains("fw-ssh: the new table inet kilter would cut kilter "
                                              "off the host") &&
                                  Catch::Contains("a new SSH connection from " +
                                                  h.env["NETNS_CLIENT_ADDR"]) &&
                                  Catch::Contains("--allow-lockout"));
  CHECK_THAT(h.local.Nft("list tables"), !Catch::Contains("kilter"));
}

TEST_CASE("over SSH: a lockout applied anyway is rolled back on the host, access returns",
          "[firewall]") {
  SshHost h;
  h.resources.Add("firewall.rule", "ssh",
                  {{"chain", "input"}, {"proto", "tcp"}, {"dport", std::stoi(h.env["NETNS_SSH_PORT"])},
                   {"action", "accept"}});
  h.Apply();
  std::string before = h.local.Nft("list table inet kilter");

  // Now block the SSH port: the established session survives, new ones are dropped.
  h.resources.At(2).fields["action"] = "drop";
  h.run.allow_lockout = true;
  CHECK_THROWS_WITH(h.Apply(), Catch::Contains("fw-ssh: the change was rolled back") &&
                                   Catch::Contains("a fresh connection after the change failed") &&
                                   Catch::Contains("host is reachable again"));
  CHECK(h.Reachable());
  CHECK(h.local.Nft("list table inet kilter") == before);
}

}  // namespace kilter::firewall_it
