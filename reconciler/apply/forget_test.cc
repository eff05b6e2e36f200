#include "reconciler/apply/forget.h"

#include <catch2/catch.hpp>

#include "support/fake_host.h"
#include "support/test_provider.h"

namespace kilter::reconciler {

namespace {

using testing::CommandLabels;
using testing::FakeTransport;

constexpr char kIndex[] = "/var/lib/kilter/providers";

/// The engine's defaults (stdlib/schemas/kilter.kilt), as a catalog carries them.
EngineSettings Engine() { return {"/var/lib/kilter", std::chrono::minutes(30)}; }

LockHolder Me() { return {"deploy", "ci-1", 42, "boot:1", "2024-05-01T12:00:00Z", "1234abcd"}; }

/// The paths the fake host saw written or removed, in order.
std::vector<std::string> Writes(const FakeTransport& fake) {
  std::vector<std::string> writes;
  for (const std::string& line : fake.log()) {
    if (line.rfind("write ", 0) == 0 || line.rfind("remove ", 0) == 0) writes.push_back(line);
  }
  return writes;
}

}  // namespace

TEST_CASE(
    "forget: removes one provider from the index under the lock and "
    "nothing else",
    "[forget]") {
  FakeTransport web1("web1");
  testing::ServeEngineScripts(web1);
  web1.files()[kIndex] = "file\nmysql.index\nfirewall\n";
  CHECK(ForgetProvider(web1, Engine(), "mysql.index", Me()));
  CHECK(web1.files()[kIndex] == "file\nfirewall\n");
  CHECK(CommandLabels(web1) == std::vector<std::string>{"lock", "read-files", "unlock"});
  CHECK(Writes(web1) == std::vector<std::string>{"write /var/lib/kilter/providers"});
}

TEST_CASE("forget: a provider the index does not list changes nothing", "[forget]") {
  FakeTransport web1("web1");
  testing::ServeEngineScripts(web1);
  web1.files()[kIndex] = "file\n";
  CHECK_FALSE(ForgetProvider(web1, Engine(), "mysql.index", Me()));
  CHECK(web1.files()[kIndex] == "file\n");
  CHECK(Writes(web1).empty());
}

TEST_CASE("forget: refused while another run holds the host's lock", "[forget]") {
  FakeTransport web1("web1");
  testing::ServeEngineScripts(web1);
  web1.files()[kIndex] = "mysql.index\n";
  LockHolder other{"alice", "laptop", 7, "", "2024-05-01T11:00:00Z", "feedbeef"};
  web1.files()["/var/lib/kilter/lock"] = other.ToJson().dump();
  CHECK_THROWS_AS(ForgetProvider(web1, Engine(), "mysql.index", Me(),
                                 [](const LockHolder&, const LockHolder&) { return false; }),
                  LockHeld);
  CHECK(web1.files()[kIndex] == "mysql.index\n");
}

TEST_CASE(
    "forget: refused while the specs declare the provider's types on the "
    "host, naming "
    "each resource where it is declared",
    "[forget]") {
  testing::TestWorld world;
  std::unique_ptr<Provider> provider = testing::MakeTestProvider(world);
  catalog::Catalog catalog;
  catalog.resources = {testing::Thing("a", "web1", "1"), testing::Thing("b", "web2", "2")};
  catalog.resources[0].source = {"db.kilt", 4, 1};
  CHECK_THROWS_WITH(CheckNothingDeclared(catalog, "web1", *provider),
                    "web1: the specs still declare test there, so kilter keeps "
                    "looking for it; "
                    "remove these resources from the specs first:\n"
                    "  db.kilt:4:1: test.thing \"a\" @ web1");
  CHECK_NOTHROW(CheckNothingDeclared(catalog, "web3", *provider));
  CHECK(DeclaredOn(catalog, "web2", *provider).size() == 1);
}

}  // namespace kilter::reconciler
