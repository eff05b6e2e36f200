#include "compiler/lint/firewall_lints.h"

#include <catch2/catch.hpp>

namespace kilter::compiler {

namespace {

using nlohmann::json;

/// Resources as the evaluator makes them, each with a name span on its own
/// line of one source file, so related spans can be told apart.
class Specs {
 public:
  Specs() : file_("specs/fw.kilt", std::string(4000, ' ')) {}

  /// One resource block: evaluated once per host, all with the block's spans.
  Specs& Add(const std::string& type, const std::string& name, json fields,
             std::vector<std::string> hosts = {"web1"}) {
    uint32_t at = blocks_++ * 40;
    for (const std::string& host : hosts) {
      EvaluatedResource er;
      er.resource.type = type;
      er.resource.name = name;
      er.resource.host = host;
      er.resource.fields = fields;
      er.span = {&file_, at, at + 30};
      er.name_span = {&file_, at + 1, at + 5};
      for (auto it = fields.begin(); it != fields.end(); ++it) {
        er.field_spans[it.key()] = {&file_, at + 10, at + 12};
      }
      list_.push_back(std::move(er));
    }
    return *this;
  }
  Specs& Rule(const std::string& name, json fields, std::vector<std::string> hosts = {"web1"}) {
    if (!fields.contains("chain")) fields["chain"] = "input";
    if (!fields.contains("action")) fields["action"] = "accept";
    return Add("firewall.rule", name, std::move(fields), std::move(hosts));
  }

  /// The warnings in source order, as the driver prints them.
  std::vector<Diagnostic> Lint() {
    Diagnostics diags;
    LintFirewall(list_, diags);
    diags.Sort();
    return diags.all();
  }
  /// Where the name of the i-th block starts.
  uint32_t NameAt(uint32_t block) const { return block * 40 + 1; }

 private:
  SourceFile file_;
  uint32_t blocks_ = 0;
  std::vector<EvaluatedResource> list_;
};

std::vector<std::string> Codes(const std::vector<Diagnostic>& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags) out.push_back(d.code);
  return out;
}

}  // namespace

TEST_CASE("firewall lint: a rule covered by an earlier one is shadowed", "[firewall]") {
  Specs s;
  s.Rule("office", {{"saddr", "203.0.113.0/24"}, {"proto", "tcp"}, {"dport", {22, 443}}})
      .Rule("admin-ssh", {{"saddr", "203.0.113.7"}, {"proto", "tcp"}, {"dport", 22}});
  std::vector<Diagnostic> d = s.Lint();
  REQUIRE(Codes(d) == std::vector<std::string>{"W0301"});
  CHECK(d[0].severity == Severity::kWarning);
  CHECK_THAT(d[0].message, Catch::Contains("shadowed") && Catch::Contains("\"admin-ssh\"") &&
                               Catch::Contains("\"office\""));
  CHECK(d[0].span.begin == s.NameAt(1));
  REQUIRE(d[0].related.size() == 1);
  CHECK(d[0].related[0].span.begin == s.NameAt(0));
}

TEST_CASE("firewall lint: a narrower or different earlier rule shadows nothing", "[firewall]") {
  Specs s;
  s.Rule("one-admin", {{"saddr", "203.0.113.7"}, {"proto", "tcp"}, {"dport", 22}})
      .Rule("office", {{"saddr", "203.0.113.0/24"}, {"proto", "tcp"}, {"dport", 22}})
      .Rule("udp-dns", {{"proto", "udp"}, {"dport", 53}})
      .Rule("tcp-dns", {{"proto", "tcp"}, {"dport", 53}})
      .Rule("limited", {{"proto", "tcp"}, {"limit", {{"rate", "1/second"}, {"burst", 5}}}})
      .Rule("after-limited", {{"proto", "tcp"}, {"dport", 80}})
      .Rule("capped", {{"proto", "udp"}, {"connections", {{"max", 5}, {"per", "source"}}}})
      .Rule("after-capped", {{"proto", "udp"}, {"dport", 123}})
      .Rule("v6", {{"saddr", "2001:db8::/32"}})
      .Rule("v4", {{"saddr", "10.0.0.0/8"}})
      .Rule("new-only", {{"ct_state", {"new"}}, {"proto", "tcp"}, {"dport", 8080}})
      .Rule("any-state", {{"proto", "tcp"}, {"dport", 8080}, {"action", "drop"}})
      .Rule("other-chain", {{"chain", "forward"}, {"proto", "tcp"}, {"dport", 53}});
  CHECK(Codes(s.Lint()).empty());
}

TEST_CASE("firewall lint: ranges, lists, wildcards and sets shadow what they cover",
          "[firewall]") {
  Specs s;
  s.Rule("high", {{"proto", "tcp"}, {"dport", {{{"from", 1024}, {"to", 65535}}}}, {"action", "drop"}})
      .Rule("app", {{"proto", "tcp"}, {"dport", {8080, {{"from", 9000}, {"to", 9100}}}}})
      .Rule("veths", {{"iif", "veth*"}, {"action", "drop"}})
      .Rule("veth0", {{"iif", "veth0"}, {"proto", "udp"}})
      .Rule("banned", {{"saddr", "@banned"}, {"action", "drop"}})
      .Rule("banned-ssh", {{"saddr", "@banned"}, {"proto", "tcp"}, {"dport", 22}})
      .Rule("est", {{"ct_state", {"established", "related"}}})
      .Rule("est-tcp", {{"ct_state", {"established"}}, {"proto", "tcp"}});
  std::vector<Diagnostic> d = s.Lint();
  CHECK(Codes(d) == std::vector<std::string>{"W0301", "W0301", "W0301", "W0301"});
}

TEST_CASE("firewall lint: exact duplicates are their own warning", "[firewall]") {
  Specs s;
  s.Rule("web", {{"proto", "tcp"}, {"dport", {80, 443}}})
      .Rule("web-again", {{"proto", "tcp"}, {"dport", {443, 80}}});
  std::vector<Diagnostic> d = s.Lint();
  REQUIRE(Codes(d) == std::vector<std::string>{"W0302"});
  CHECK_THAT(d[0].message, Catch::Contains("\"web-again\" duplicates firewall.rule \"web\""));
}

TEST_CASE("firewall lint: rules are compared per host and reported once", "[firewall]") {
  Specs s;
  s.Rule("all", {{"proto", "tcp"}}, {"web1", "web2"})
      .Rule("late", {{"proto", "tcp"}, {"dport", 80}}, {"web1", "web2"})
      .Rule("db-only", {{"proto", "tcp"}, {"dport", 22}}, {"db1"})
      .Rule("web2-only", {{"proto", "tcp"}, {"dport", 22}}, {"web2"});
  std::vector<Diagnostic> d = s.Lint();
  REQUIRE(Codes(d) == std::vector<std::string>{"W0301", "W0301"});
  CHECK_THAT(d[0].message, Catch::Contains("\"late\""));
  CHECK_THAT(d[1].message, Catch::Contains("\"web2-only\"") && Catch::Contains("on web2"));
}

TEST_CASE("firewall lint: drop policy on input needs an established accept", "[firewall]") {
  Specs s;
  s.Add("firewall.chain", "input", {{"hook", "input"}, {"policy", "drop"}})
      .Rule("ssh", {{"proto", "tcp"}, {"dport", 22}});
  std::vector<Diagnostic> d = s.Lint();
  REQUIRE(Codes(d) == std::vector<std::string>{"W0303"});
  CHECK_THAT(d[0].message, Catch::Contains("chain input on web1 drops by policy"));

  Specs ok;
  ok.Add("firewall.chain", "input", {{"hook", "input"}, {"policy", "drop"}})
      .Rule("est", {{"ct_state", {"established", "related"}}})
      .Rule("ssh", {{"proto", "tcp"}, {"dport", 22}});
  CHECK(Codes(ok.Lint()).empty());

  Specs accept;
  accept.Add("firewall.chain", "input", {{"hook", "input"}, {"policy", "accept"}});
  CHECK(Codes(accept.Lint()).empty());
}

TEST_CASE("firewall lint: a database port open to the world", "[firewall]") {
  Specs s;
  s.Rule("mysql", {{"proto", "tcp"}, {"dport", 3306}})
      .Rule("redis", {{"proto", "tcp"}, {"dport", {6379, 6380}}, {"saddr", "0.0.0.0/0"}})
      .Rule("db-range", {{"proto", "tcp"}, {"dport", {{"from", 5000}, {"to", 6000}}}, {"chain", "fwd"}})
      .Rule("mysql-lan", {{"proto", "tcp"}, {"dport", 3306}, {"saddr", "10.0.0.0/24"}, {"chain", "x"}})
      .Rule("mysql-lo", {{"proto", "tcp"}, {"dport", 3306}, {"iif", "lo"}, {"chain", "y"}})
      .Rule("to-db", {{"proto", "tcp"}, {"dport", 3306}, {"chain", "output"}});
  std::vector<Diagnostic> d = s.Lint();
  REQUIRE(Codes(d) == std::vector<std::string>{"W0304", "W0304", "W0304"});
  CHECK_THAT(d[0].message, Catch::Contains("port 3306 (MySQL/MariaDB)"));
  CHECK_THAT(d[1].message, Catch::Contains("port 6379 (Redis)"));
  CHECK_THAT(d[2].message, Catch::Contains("port 5432 (PostgreSQL)"));
}

TEST_CASE("firewall lint: malformed values are left to the schema and the provider",
          "[firewall]") {
  Specs s;
  s.Rule("all", {{"proto", "tcp"}})
      .Rule("bad", {{"proto", "tcp"}, {"saddr", "10.0.0.0/99"}});
  CHECK(Codes(s.Lint()).empty());
}

TEST_CASE("firewall check: ports out of range or of the wrong kind are errors, once per block",
          "[firewall]") {
  Specs s;
  s.Rule("big", {{"proto", "tcp"}, {"dport", 70000}}, {"web1", "web2"})
      .Rule("listed", {{"proto", "tcp"}, {"dport", {22, 65536}}})
      .Rule("range", {{"proto", "udp"}, {"sport", {{"from", 1024}, {"to", 70000}}}})
      .Rule("named", {{"proto", "tcp"}, {"dport", "ssh"}})
      .Rule("nested", {{"proto", "tcp"}, {"dport", {{22, 23}}}})
      .Rule("fine", {{"proto", "tcp"}, {"dport", {22, {{"from", 8000}, {"to", 8100}}}}});
  std::vector<Diagnostic> d = s.Lint();
  REQUIRE(Codes(d) == std::vector<std::string>{"E0204", "E0204", "E0204", "E0203", "E0203"});
  CHECK(d[0].severity == Severity::kError);
  CHECK(d[0].message == "`dport`: port 70000 is out of range 0..65535");
  CHECK(d[1].message == "`dport`: port 65536 is out of range 0..65535");
  CHECK(d[2].message == "`sport`: port range 1024..70000 is not within 0..65535, low to high");
  CHECK(d[3].message == "`dport`: expected a port, a list of ports or a range, got \"ssh\"");
  CHECK(d[4].message == "`dport`: expected a port, a list of ports or a range, got [22,23]");
}

}  // namespace kilter::compiler
