// sysctl against the real kernel: every test creates a network namespace of
// its own and reaches its net.* parameters through the provider's
// command_prefix ("ip netns exec NS"), so the test machine's own kernel
// settings are never read or written. The sysctl.d directories are a
// scratch tree of the test. Each case runs over the local transport and over
// SSH to the estate's sshd.

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "reconciler/providers/provider.h"
#include "reconciler/transport/transport.h"
#include "support/default_settings.h"
#include "support/estate.h"
#include "support/estate_host.h"
#include "support/read_text.h"

namespace kilter::reconciler {

namespace {

namespace fs = std::filesystem;
using testing::Sh;
using nlohmann::json;

/// The host's own value of a parameter, read outside any namespace: the
/// tests prove they leave it alone.
std::string HostValue(const std::string& path) { return testing::ReadText("/proc/sys/" + path); }

/// A network namespace, a scratch sysctl.d tree, and the provider reaching
/// both the way a host would be reached.
struct NsHost {
  std::string ns;
  std::string root;  ///< the scratch tree: etc/sysctl.d, usr/lib/sysctl.d
  std::string etc, usr_lib;
  catalog::Host host;
  std::unique_ptr<Provider> provider = MakeProvider("sysctl");
  std::unique_ptr<Transport> transport;
  json settings = testing::DefaultSettings("sysctl");
  catalog::Resource web;
  std::string host_somaxconn = HostValue("net/core/somaxconn");

  explicit NsHost(const std::string& test)
      : host(testing::EstateHost(GENERATE(as<std::string>{}, "local", "ssh"))), transport(testing::ConnectEstate(host)) {
    std::map<std::string, std::string> env = testing::EstateEnv("sshd");
    ns = "ksys" + std::string(std::getenv("ESTATE_PORT_BASE"));
    root = std::string(std::getenv("ESTATE_DIR")) + "/sysctl/" + test + "-" + host.transport;
    fs::remove_all(root);
    etc = root + "/etc/sysctl.d";
    usr_lib = root + "/usr/lib/sysctl.d";
    fs::create_directories(etc);
    fs::create_directories(usr_lib);
    Sh("ip netns del " + ns + " 2>/dev/null; ip netns add " + ns);
    settings["dir"] = etc;
    settings["search_dirs"] = {etc, root + "/run/sysctl.d", usr_lib};
    settings["command_prefix"] = "ip netns exec " + ns;
    web.type = "sysctl";
    web.name = "web";
    web.host = "web1";
    web.source = {"specs/web.kilt", 3, 1};
    web.fields = {{"values",
                   {{"net.core.somaxconn", 8192},
                    {"net.ipv4.tcp_max_syn_backlog", 8192},
                    {"net.ipv4.ip_local_port_range", "10240 65000"},
                    {"net.ipv4.tcp_rmem", "4096 87380 4194304"}}}};
  }
  ~NsHost() {
    std::system(("ip netns del " + ns + " 2>/dev/null").c_str());
    CHECK(HostValue("net/core/somaxconn") == host_somaxconn);
  }

  std::string File() const { return etc + "/kilter-web.conf"; }

  ProviderContext Context() { return {host, settings, {&web}, {}, nullptr}; }

  std::vector<Change> Plan() {
    ProviderContext ctx = Context();
    return provider->Diff(ctx, provider->Read(*transport, ctx));
  }

  Change PlanOne() {
    std::vector<Change> plan = Plan();
    REQUIRE(plan.size() == 1);
    return plan[0];
  }

  void Apply() {
    std::vector<Change> acting;
    for (const Change& c : Plan()) {
      if (c.kind != ChangeKind::kNothing) acting.push_back(c);
    }
    provider->Apply(*transport, Context(), acting);
  }

  /// A parameter's value inside the namespace, tabs and all.
  std::string Live(const std::string& path) {
    std::string v = Sh("ip netns exec " + ns + " cat /proc/sys/" + path);
    return v.substr(0, v.find('\n'));
  }
};

bool Has(const std::vector<std::string>& lines, const std::string& needle) {
  for (const std::string& l : lines) {
    if (l.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("sysctl: apply, plan empty, and the values survive a restart of the namespace",
          "[sysctl][integration]") {
  NsHost h("survives");
  // A vendor default loaded before kilter's file: kilter's value must win at boot.
  std::ofstream(h.usr_lib + "/50-default.conf") << "net.core.somaxconn = 1024\n";
  Change first = h.PlanOne();
  CHECK(first.kind == ChangeKind::kCreate);
  CHECK(Has(first.reasons, "net.core.somaxconn: at boot it changes to 1024 (from " + h.usr_lib +
                               "/50-default.conf), not the declared 8192"));
  h.Apply();
  CHECK(h.Live("net/core/somaxconn") == "8192");
  CHECK(h.Live("net/ipv4/tcp_rmem") == "4096\t87380\t4194304");
  CHECK(h.PlanOne().kind == ChangeKind::kNothing);

  // A restart: a fresh namespace has the kernel's defaults again ...
  Sh("ip netns del " + h.ns + " && ip netns add " + h.ns);
  CHECK(h.Live("net/core/somaxconn") != "8192");
  // ... and what boot runs (systemd-sysctl's order: by file name) brings the
  // declared values back, confined to the namespace.
  Sh(fmt::format("ip netns exec {} sysctl -q -p {}/50-default.conf {}", h.ns, h.usr_lib, h.File()));
  CHECK(h.Live("net/core/somaxconn") == "8192");
  CHECK(h.Live("net/ipv4/tcp_max_syn_backlog") == "8192");
  CHECK(h.Live("net/ipv4/ip_local_port_range") == "10240\t65000");
  CHECK(h.PlanOne().kind == ChangeKind::kNothing);
}

TEST_CASE("sysctl: sysctl -w in the namespace is drift: live differs", "[sysctl][integration]") {
  NsHost h("hand-live");
  h.Apply();
  Sh("ip netns exec " + h.ns + " sysctl -q -w net.core.somaxconn=128");
  Change c = h.PlanOne();
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kLiveChanged);
  CHECK(c.reasons == std::vector<std::string>{
                         "net.core.somaxconn is 128 live, but the declared 8192 is persisted: "
                         "changed by hand, lost at boot"});
  h.Apply();
  CHECK(h.Live("net/core/somaxconn") == "8192");
  CHECK(h.PlanOne().kind == ChangeKind::kNothing);
}

TEST_CASE("sysctl: an edit of kilter's file is drift: persisted differs",
          "[sysctl][integration]") {
  NsHost h("hand-file");
  h.Apply();
  Sh("sed -i 's/^net.core.somaxconn = 8192$/net.core.somaxconn = 1024/' " + h.File());
  Change c = h.PlanOne();
  CHECK(c.kind == ChangeKind::kUpdate);
  CHECK(c.cause == DriftCause::kLiveChanged);
  CHECK(c.reasons == std::vector<std::string>{
                         "net.core.somaxconn: the declared 8192 is live but lost at boot: it "
                         "becomes 1024 (from " + h.File() + ")",
                         h.File() + " was edited on the host"});
  h.Apply();
  CHECK(h.PlanOne().kind == ChangeKind::kNothing);
}

TEST_CASE("sysctl: a later file kilter does not own is a problem naming it",
          "[sysctl][integration]") {
  NsHost h("foreign");
  h.Apply();
  std::ofstream(h.etc + "/zz-local.conf") << "net.core.somaxconn = 1024\n";
  Change c = h.PlanOne();
  CHECK(c.kind == ChangeKind::kNothing);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].find("from " + h.etc + "/zz-local.conf, a file kilter does not own") !=
        std::string::npos);
  CHECK(testing::ReadText(h.etc + "/zz-local.conf") == "net.core.somaxconn = 1024\n");
}

TEST_CASE("sysctl: a value the kernel refuses fails the apply; nothing persisted, live undone",
          "[sysctl][integration]") {
  NsHost h("refused");
  h.web.fields["values"] = {{"net.core.somaxconn", 8192},
                            {"net.ipv4.ip_local_port_range", "70000 10"}};
  std::string before = h.Live("net/core/somaxconn");
  CHECK_THROWS_WITH(h.Apply(), Catch::Contains("setting net.ipv4.ip_local_port_range failed") &&
                                   Catch::Contains("Invalid argument") &&
                                   Catch::Contains("the previous live values were restored"));
  CHECK(h.Live("net/core/somaxconn") == before);
  CHECK_FALSE(fs::exists(h.File()));
}

TEST_CASE("sysctl: when the file cannot be written, the live values are put back",
          "[sysctl][integration]") {
  NsHost h("no-dir");
  fs::remove_all(h.etc);
  std::string before = h.Live("net/core/somaxconn");
  CHECK_THROWS_WITH(h.Apply(), Catch::Contains("persisting failed") &&
                                   Catch::Contains("the previous live values were restored"));
  CHECK(h.Live("net/core/somaxconn") == before);
}

TEST_CASE("sysctl: an unknown parameter fails the plan with its spec location",
          "[sysctl][integration]") {
  NsHost h("unknown");
  h.web.fields["values"] = {{"net.core.somaxcon", 8192}};
  CHECK_THROWS_WITH(h.Plan(), "web1: sysctl \"web\" @ web1: unknown kernel parameter "
                              "net.core.somaxcon: there is no /proc/sys/net/core/somaxcon "
                              "(specs/web.kilt:3:1)");
}

}  // namespace kilter::reconciler
