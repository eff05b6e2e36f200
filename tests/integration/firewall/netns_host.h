#pragma once

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "reconciler/providers/firewall/test_helpers.h"
#include "reconciler/providers/provider.h"
#include "reconciler/transport/transport.h"
#include "support/estate.h"
#include "support/default_settings.h"

/// The firewall provider driven the way the engine drives it (read, diff,
/// validate, apply), on the test host of the `netns` estate service.
namespace kilter::firewall_it {

using nlohmann::json;
using reconciler::Change;
using reconciler::ChangeKind;

class NetnsHost {
 public:
  std::map<std::string, std::string> env = testing::EstateEnv("netns");
  catalog::Host host{"fw1", "127.0.0.1", "", 22, "local", "", json::object()};
  std::unique_ptr<reconciler::Provider> provider = reconciler::MakeProvider("firewall.rule");
  std::unique_ptr<reconciler::Transport> transport = reconciler::Connect(host, {});
  reconciler::firewall::test::Resources resources;
  json settings;
  std::string state_dir;  ///< the engine's state directory on the host, one per test
  reconciler::RunOptions options;
  std::function<std::unique_ptr<reconciler::Transport>()> reconnect = [this] {
    return reconciler::Connect(host, {});
  };

  /// Starts from an empty ruleset in the namespace (it is ours alone).
  explicit NetnsHost(const std::string& test) {
    settings = kilter::testing::DefaultSettings(provider->name());
    settings["nft"] = env["NETNS_NFT"];
    state_dir = env["NETNS_STATE_DIR"] + "/" + test;
    Nft("flush ruleset");
  }
  ~NetnsHost() {
    reconciler::Command c;
    c.shell = env["NETNS_NFT"] + " flush ruleset";
    transport->Run(c);
  }

  reconciler::ProviderContext Context() {
    return {host, settings, resources.All(), options, reconnect, state_dir};
  }

  std::vector<Change> Plan() {
    reconciler::ProviderContext ctx = Context();
    reconciler::LiveState live = provider->Read(*transport, ctx);
    std::vector<Change> changes = provider->Diff(ctx, live);
    provider->Validate(*transport, ctx, changes);
    return changes;
  }

  /// Plans and applies what the plan holds; returns the acting changes.
  std::vector<std::string> Apply() {
    std::vector<Change> changes = Plan();
    std::vector<Change> acting;
    for (const Change& c : changes) {
      if (c.kind != ChangeKind::kNothing) acting.push_back(c);
    }
    if (!acting.empty()) provider->Apply(*transport, Context(), acting);
    return Describe(acting);
  }

  static std::vector<std::string> Describe(const std::vector<Change>& changes) {
    std::vector<std::string> out;
    for (const Change& c : changes) {
      if (c.kind != ChangeKind::kNothing) {
        out.push_back(fmt::format("{} {} {}", reconciler::ToString(c.kind), c.type, c.name));
      }
    }
    return out;
  }

  /// Runs a shell line in the root namespace; fails the test when it fails.
  std::string Sh(const std::string& line) {
    reconciler::Command c;
    c.shell = line;
    reconciler::CommandResult r = transport->Run(c);
    INFO(line << "\n" << r.err);
    REQUIRE(r.ok());
    return r.out;
  }

  /// nft inside the namespace.
  std::string Nft(const std::string& args) { return Sh(env["NETNS_NFT"] + " " + args); }
};

}  // namespace kilter::firewall_it
