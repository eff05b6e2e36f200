// firewall_bench plan|apply CATALOG.json NFT STATE_DIR
//
// Drives the firewall provider the way the engine does, for every host of the
// catalog: `plan` reads, diffs and validates (exit 2 when there are changes),
// `apply` plans and applies what the plan holds, commit-confirmed. NFT is the
// nft command (`ip netns exec NS nft`), so the ruleset lives in a namespace;
// STATE_DIR is the engine's state directory on the host.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "reconciler/providers/provider.h"
#include "support/default_settings.h"

using namespace kilter;
using namespace kilter::reconciler;

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: firewall_bench plan|apply CATALOG.json NFT STATE_DIR\n";
    return 1;
  }
  const std::string mode = argv[1];
  std::ifstream in(argv[2]);
  catalog::Catalog cat = catalog::FromJson(nlohmann::json::parse(in));
  int exit_code = 0;
  for (const catalog::Host& host : cat.hosts) {
    std::unique_ptr<Provider> provider = MakeProvider("firewall.rule");
    nlohmann::json settings = kilter::testing::DefaultSettings(provider->name());
    settings["nft"] = argv[3];
    std::vector<const catalog::Resource*> desired;
    for (const catalog::Resource& r : cat.resources) {
      if (r.host == host.name && r.type.rfind("firewall.", 0) == 0) desired.push_back(&r);
    }
    std::unique_ptr<Transport> transport = Connect(host, {});
    ProviderContext ctx{host, settings, desired, {}, [&] { return Connect(host, {}); }, argv[4]};
    try {
      std::vector<Change> changes = provider->Diff(ctx, provider->Read(*transport, ctx));
      std::vector<Change> acting;
      for (const Change& c : changes) {
        if (c.kind != ChangeKind::kNothing) acting.push_back(c);
      }
      provider->Validate(*transport, ctx, acting);
      if (mode == "apply" && !acting.empty()) provider->Apply(*transport, ctx, acting);
      if (mode == "plan" && !acting.empty()) exit_code = 2;
    } catch (const std::exception& e) {
      std::cerr << e.what() << "\n";
      return 1;
    }
  }
  return exit_code;
}
