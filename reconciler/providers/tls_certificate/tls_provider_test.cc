#include "reconciler/providers/tls_certificate/tls_provider.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/tls_certificate/certificate.h"
#include "support/default_settings.h"
#include "support/fake_transport.h"
#include "support/read_text.h"

using namespace kilter::reconciler;
using kilter::catalog::Host;
using kilter::catalog::Resource;
using kilter::testing::FakeTransport;
using nlohmann::json;

namespace {

std::string Tls(const std::string& name) {
  return kilter::testing::ReadText(std::string(KILTER_SOURCE_DIR) +
                                   "/reconciler/providers/kit/testdata/tls/" + name);
}

const std::string kShopSha = "e3a6c2a0cf61ae7b550523cc15fd86cdc6822f2e798c2f395a56c5bf7c8319c0";
const std::string kConf = "/etc/nginx/conf.d/kilter-tls-shop.conf";
const std::string kCert = "/etc/nginx/tls/kilter-tls-shop-e3a6c2a0cf61ae7b.crt";
const std::string kKey = "/etc/nginx/tls/kilter-tls-shop-e3a6c2a0cf61ae7b.key";
/// 2026-12-07 00:00:00 UTC: shop.crt has 30 days left.
const int64_t kNow = 1796601600;

Resource Shop() {
  Resource r;
  r.type = "tls.certificate";
  r.name = "shop";
  r.host = "lb";
  r.fields = {{"certificate", Tls("shop.crt")},
              {"key", Tls("shop.key")},
              {"chain", Tls("ca.crt")},
              {"server_names", {"shop.example", "www.shop.example"}},
              {"listen", 443},
              {"protocols", {"TLSv1.3"}},
              {"ciphers", "HIGH:!aNULL:!MD5"},
              {"renew_before", int64_t{21} * 86400 * 1000}};
  return r;
}

struct Fixture {
  Host host{"lb", "127.0.0.1", "", 22, "local", "", json::object()};
  std::unique_ptr<Provider> provider = tls_certificate::MakeTlsCertificateProvider();
  Resource resource = Shop();
  FakeTransport transport{"lb"};
  std::string served = Tls("shop.crt") + Tls("ca.crt");  ///< what the handshakes print
  bool serves_tls12 = false;
  RunOptions options;

  Fixture() {
    transport.On("date +%s", CommandResult{0, std::to_string(kNow) + "\n", ""});
    transport.On("-showcerts", [this](const Command&) {
      return served.empty() ? CommandResult{1, "connect:errno=111\n", ""}
                            : CommandResult{0, "CONNECTED(00000003)\n" + served, ""};
    });
    transport.On("SECLEVEL=0", [this](const Command& c) {
      bool ok = serves_tls12 && c.Display().find("-tls1_2") != std::string::npos;
      return CommandResult{ok ? 0 : 1, "", ""};
    });
    // The key's mode and digest, as the read's `stat` and `sha256sum` print them.
    transport.On("sha256sum", [this](const Command&) {
      auto key = transport.files().find(kKey);
      if (key == transport.files().end()) return CommandResult{0, "", ""};
      char mode[8];
      std::snprintf(mode, sizeof mode, "%o", transport.stats()[kKey].mode);
      return CommandResult{0, std::string(mode) + " root\n" + kit::Sha256Hex(key->second) + "  -\n",
                           ""};
    });
    transport.On("nginx -t", CommandResult{0, "", ""});
    transport.On("-s reload", CommandResult{0, "", ""});
  }
  ProviderContext Context() {
    return {host, kilter::testing::DefaultSettings(provider->name()), {&resource}, options, {}};
  }
  std::vector<Change> Plan() {
    ProviderContext ctx = Context();
    return provider->Diff(ctx, provider->Read(transport, ctx));
  }
  void Apply(const std::vector<Change>& changes) {
    ProviderContext ctx = Context();
    std::vector<Change> todo;
    for (const Change& c : changes) {
      if (c.kind != ChangeKind::kNothing) todo.push_back(c);
    }
    provider->Apply(transport, ctx, todo);
  }
};

}  // namespace

TEST_CASE("tls.certificate: renders the server block kilter owns", "[tls_certificate]") {
  tls_certificate::Settings s{"/etc/nginx/conf.d", "/etc/nginx/tls", "nginx", "openssl"};
  tls_certificate::Declared d = tls_certificate::Declared::From(Shop());
  CHECK(d.CertPath(s) == kCert);
  CHECK(d.KeyPath(s) == kKey);
  std::string conf = tls_certificate::RenderConf(d, s);
  CHECK(conf.rfind("# Managed by kilter: tls.certificate \"shop\" @ lb.", 0) == 0);
  CHECK(conf.find("server {\n"
                  "    listen 443 ssl default_server;\n"
                  "    server_name shop.example www.shop.example;\n"
                  "    ssl_certificate " +
                  kCert +
                  ";\n"
                  "    ssl_certificate_key " +
                  kKey +
                  ";\n"
                  "    ssl_protocols TLSv1.3;\n"
                  "    ssl_ciphers HIGH:!aNULL:!MD5;\n"
                  "}\n") != std::string::npos);
  CHECK(conf.find("BEGIN") == std::string::npos);
  CHECK(conf.find("\"certificate_sha256\":\"" + kShopSha + "\"") != std::string::npos);
  CHECK(d.certificate == Tls("shop.crt") + Tls("ca.crt"));
  CHECK(tls_certificate::FileOwner(kKey) == "shop");
  CHECK(tls_certificate::FileOwner("/etc/nginx/tls/kilter-tls-shop-eu-e3a6c2a0cf61ae7b.crt") ==
        "shop-eu");
  CHECK(tls_certificate::FileOwner("/etc/nginx/tls/kilter-tls-shop.crt") == "");
}

TEST_CASE("tls.certificate: a key that is not the certificate's is refused, naming both",
          "[tls_certificate]") {
  Fixture f;
  f.resource.fields["key"] = Tls("other.key");
  CHECK_THROWS_WITH(f.Plan(), Catch::StartsWith("lb: tls.certificate \"shop\" @ lb: the key does "
                                                "not match the certificate (subject "
                                                "CN=shop.example, SHA-256 " +
                                                kShopSha +
                                                "): the "
                                                "certificate's public key (EC 256 bits"));
  CHECK(f.transport.commands().empty());
  CHECK(f.transport.files().empty());
}

TEST_CASE("tls.certificate: one read, create, apply through the kit, then nothing",
          "[tls_certificate]") {
  Fixture f;
  f.served.clear();
  std::vector<Change> plan = f.Plan();
  CHECK(f.transport.commands().size() == 1);
  REQUIRE(plan.size() == 1);
  CHECK(plan[0].kind == ChangeKind::kCreate);
  REQUIRE(plan[0].actions.size() == 4);
  CHECK(plan[0].actions[0].summary == "write " + kKey + " (mode 0600; the key is never shown)");
  CHECK(plan[0].actions[1].summary == "write " + kCert + " (CN=shop.example, SHA-256 " + kShopSha +
                                          ", valid until 2027-01-06 18:43:53 UTC)");
  CHECK(plan[0].actions[2].summary == "write " + kConf);
  CHECK(plan[0].live.dump().find("PRIVATE KEY") == std::string::npos);
  CHECK(plan[0].measures.at("certificate_expiry_timestamp_seconds") == 1799261033);
  CHECK(plan[0].measures.at("certificate_renew_before_seconds") == 21 * 86400);
  CHECK(plan[0].problems.empty());

  f.transport.ClearLog();
  f.Apply(plan);
  CHECK(f.transport.stats().at(kKey).mode == 0600);
  CHECK(f.transport.files().at(kKey) == Tls("shop.key"));
  CHECK(f.transport.files().at(kCert) == Tls("shop.crt") + Tls("ca.crt"));
  std::vector<std::string> commands = f.transport.commands();
  REQUIRE(commands.size() == 2);
  CHECK(commands[0] == "nginx -t");

  f.served = Tls("shop.crt") + Tls("ca.crt");
  std::vector<Change> after = f.Plan();
  CHECK(after[0].kind == ChangeKind::kNothing);
  CHECK(after[0].problems.empty());
}

TEST_CASE("tls.certificate: files replaced without a reload name served and declared",
          "[tls_certificate]") {
  Fixture f;
  f.Apply(f.Plan());
  f.served = Tls("ca.crt");
  std::vector<Change> plan = f.Plan();
  REQUIRE(plan[0].kind == ChangeKind::kUpdate);
  CHECK(plan[0].cause == DriftCause::kLiveChanged);
  CHECK(plan[0].reasons[0] ==
        "nginx serves SHA-256 43f37c69ef62be11073736474e69f8be631b112dcf3d769b21db83804d4d1644 "
        "(CN=Kilter Test CA) with SNI shop.example, declared SHA-256 " +
            kShopSha);
  CHECK(plan[0].reasons[2].find("with no SNI") != std::string::npos);
  CHECK(plan[0].actions.back().kind == "command");

  f.served = Tls("shop.crt") + Tls("ca.crt");
  f.transport.files()[kCert] = Tls("ca.crt");
  plan = f.Plan();
  REQUIRE(plan[0].kind == ChangeKind::kUpdate);
  CHECK(plan[0].reasons[0] ==
        kCert +
            " was replaced on the host: it holds SHA-256 "
            "43f37c69ef62be11073736474e69f8be631b112dcf3d769b21db83804d4d1644, "
            "declared SHA-256 " +
            kShopSha + "; nginx serves SHA-256 " + kShopSha + " with SNI shop.example, SHA-256 " +
            kShopSha + " with SNI www.shop.example, SHA-256 " + kShopSha + " with no SNI");
}

TEST_CASE("tls.certificate: expiry within renew_before and a protocol left out are problems",
          "[tls_certificate]") {
  Fixture f;
  f.Apply(f.Plan());
  f.resource.fields["renew_before"] = int64_t{35} * 86400 * 1000;
  f.serves_tls12 = true;
  std::vector<Change> plan = f.Plan();
  CHECK(plan[0].kind == ChangeKind::kUpdate);  // renew_before is recorded in the server block
  f.Apply(plan);
  plan = f.Plan();
  REQUIRE(plan[0].kind == ChangeKind::kNothing);
  REQUIRE(plan[0].problems.size() == 2);
  CHECK(plan[0].problems[0] ==
        "the served certificate CN=shop.example expires on 2027-01-06 18:43:53 UTC (30 days "
        "left), within renew_before (35 days): renew it");
  CHECK_THAT(plan[0].problems[1], Catch::StartsWith("nginx accepts TLSv1.2 on port 443, which "
                                                    "protocols (TLSv1.3) leaves out"));
}

TEST_CASE("tls.certificate: a key with the wrong mode is rewritten, never shown",
          "[tls_certificate]") {
  Fixture f;
  f.Apply(f.Plan());
  f.transport.stats()[kKey].mode = 0644;
  std::vector<Change> plan = f.Plan();
  REQUIRE(plan[0].kind == ChangeKind::kUpdate);
  CHECK(plan[0].reasons[0] == kKey + " is mode 0644, not 0600");
  f.Apply(plan);
  CHECK(f.transport.stats().at(kKey).mode == 0600);
  CHECK(f.Plan()[0].kind == ChangeKind::kNothing);
}

TEST_CASE("tls.certificate: a new certificate gets new files; the old go after the reload",
          "[tls_certificate]") {
  Fixture f;
  f.Apply(f.Plan());
  f.transport.files()["/etc/nginx/tls/kilter-tls-shop-0123456789abcdef.crt"] = "old";
  f.transport.files()["/etc/nginx/tls/kilter-tls-shop-eu-0123456789abcdef.crt"] = "other";
  std::vector<Change> plan = f.Plan();
  REQUIRE(plan[0].kind == ChangeKind::kUpdate);
  CHECK(plan[0].actions[0].summary == "remove /etc/nginx/tls/kilter-tls-shop-0123456789abcdef.crt");
  f.Apply(plan);
  CHECK(f.transport.files().count("/etc/nginx/tls/kilter-tls-shop-0123456789abcdef.crt") == 0);
  CHECK(f.transport.files().count("/etc/nginx/tls/kilter-tls-shop-eu-0123456789abcdef.crt") == 1);
}

TEST_CASE("tls.certificate: undeclared, its server block, certificate and key go",
          "[tls_certificate]") {
  Fixture f;
  f.Apply(f.Plan());
  f.resource.name = "other";
  f.resource.fields["server_names"] = {"other.example"};
  std::vector<Change> plan = f.Plan();
  REQUIRE(plan.size() == 2);
  CHECK(plan[1].kind == ChangeKind::kDelete);
  CHECK(plan[1].name == "shop");
  f.Apply({plan[1]});
  CHECK(f.transport.files().count(kConf) == 0);
  CHECK(f.transport.files().count(kCert) == 0);
  CHECK(f.transport.files().count(kKey) == 0);
}

TEST_CASE("tls.certificate: --now replaces the host's clock", "[tls_certificate]") {
  Fixture f;
  f.Apply(f.Plan());
  f.options.now = 1799261033 - 5 * 86400;  // shop.crt has 5 days left
  f.transport.ClearLog();
  std::vector<Change> plan = f.Plan();
  for (const std::string& line : f.transport.log()) {
    CHECK(line.find("date +%s") == std::string::npos);
  }
  REQUIRE(plan[0].problems.size() == 1);
  CHECK_THAT(plan[0].problems[0], Catch::Contains("expires on 2027-01-06 18:43:53 UTC (5 days "
                                                  "left), within renew_before (21 days)"));
}

TEST_CASE("tls.certificate: a certificate that is not the port's default is not checked without SNI",
          "[tls_certificate]") {
  Fixture f;
  f.resource.fields["default_server"] = false;
  tls_certificate::Settings s{"/etc/nginx/conf.d", "/etc/nginx/tls", "nginx", "openssl"};
  std::string conf =
      tls_certificate::RenderConf(tls_certificate::Declared::From(f.resource), s);
  CHECK(conf.find("    listen 443 ssl;\n") != std::string::npos);
  f.Plan();
  int without_sni = 0, with_sni = 0;
  for (const std::string& c : f.transport.log()) {
    if (c.find("-noservername") != std::string::npos) ++without_sni;
    if (c.find("-servername ") != std::string::npos && c.find("-showcerts") != std::string::npos) {
      ++with_sni;
    }
  }
  CHECK(without_sni == 0);
  CHECK(with_sni == 2);
}

TEST_CASE("tls.certificate: two default servers of one port are refused at plan",
          "[tls_certificate]") {
  Fixture f;
  Resource other = Shop();
  other.name = "admin";
  other.fields["server_names"] = {"admin.shop.example"};
  ProviderContext ctx{f.host, kilter::testing::DefaultSettings(f.provider->name()),
                      {&f.resource, &other}, f.options, {}};
  LiveState live = f.provider->Read(f.transport, ctx);
  CHECK_THROWS_WITH(f.provider->Diff(ctx, live),
                    Catch::Contains("lb: tls.certificate \"shop\" @ lb and tls.certificate "
                                    "\"admin\" @ lb are both the default server of port 443") &&
                        Catch::Contains("set default_server = false"));
  other.fields["default_server"] = false;
  CHECK_NOTHROW(f.provider->Diff(ctx, live));
}
