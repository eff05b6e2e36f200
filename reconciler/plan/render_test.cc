#include "reconciler/plan/render.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "reconciler/providers/kit/file_diff.h"
#include "support/golden.h"

namespace kilter::reconciler {

namespace {

/// A field change whose values have display text.
FieldChange Displayed(const std::string& field, const nlohmann::json& before,
                      const nlohmann::json& after, const std::string& before_display,
                      const std::string& after_display) {
  FieldChange f(field, before, after);
  f.before_display = before_display;
  f.after_display = after_display;
  return f;
}

/// A field change to a value the spec leaves to its schema's default.
FieldChange Defaulted(const std::string& field, const nlohmann::json& before,
                      const nlohmann::json& after) {
  FieldChange f(field, before, after);
  f.from_default = true;
  return f;
}

Change Make(const std::string& type, const std::string& name, const std::string& host,
            ChangeKind kind) {
  Change c;
  c.type = type;
  c.name = name;
  c.host = host;
  c.kind = kind;
  c.fingerprint = "sha256:0000";
  return c;
}

/// A plan with every kind of change, a handler, an error and drift notes.
Plan Sample() {
  Plan plan;
  plan.created = "2024-05-01T12:00:00Z";
  HostPlan web1;
  web1.host = "web1";
  Change create = Make("file", "motd", "web1", ChangeKind::kCreate);
  create.fields = {{"path", nullptr, "/etc/motd", false},
                   {"content", nullptr, "Welcome\nto web1\n", false},
                   {"mode", nullptr, "0644", false}};
  create.actions = {{"file", "write /etc/motd (mode 0644)",
                     kit::UnifiedDiff("", "Welcome\nto web1\n", "/dev/null", "/etc/motd")}};
  create.cause = DriftCause::kSpecChanged;
  create.source = catalog::SourceLocation{"specs/web.kilt", 4, 1};
  Change update = Make("php.opcache", "storefront", "web1", ChangeKind::kUpdate);
  update.fields = {Displayed("memory_consumption", 134217728, 268435456, "128MiB", "256MiB"),
                   {"validate_timestamps", true, false, false},
                   Defaulted("jit", "off", "disable")};
  update.reasons = {"opcache.memory_consumption is 128M on the host"};
  update.actions = {{"file", "write /etc/php/8.2/fpm/conf.d/90-kilter-storefront.ini",
                     kit::UnifiedDiff("opcache.memory_consumption=128\n",
                                 "opcache.memory_consumption=256\n", "a", "b")}};
  update.notifies = {"php-fpm"};
  update.cause = DriftCause::kLiveChanged;
  Change secret = Make("mysql.user", "shop", "web1", ChangeKind::kReplace);
  secret.fields = {{"password", "(sensitive)", "(sensitive)", true}};
  secret.warnings = {"the user is dropped and created again"};
  Change gone = Make("file", "old", "web1", ChangeKind::kDelete);
  gone.fields = {{"path", "/etc/old", nullptr, false}};
  gone.destructive = true;
  gone.actions = {{"file", "remove /etc/old", ""}};
  Change same = Make("file", "same", "web1", ChangeKind::kNothing);
  // Two indexes built by one ALTER: the statement is printed once.
  std::string alter = "ALTER TABLE `shop`.`oc_product`\n  ADD INDEX `idx_a` (`a`),\n"
                      "  ADD INDEX `idx_b` (`b`), ALGORITHM=INPLACE, LOCK=NONE";
  Change index_a = Make("mysql.index", "idx_a", "web1", ChangeKind::kCreate);
  index_a.fields = {{"table", nullptr, "oc_product", false},
                    {"columns", nullptr, nlohmann::json::array({"a"}), false},
                    Defaulted("unique", nullptr, false)};
  index_a.actions = {{"sql", "ALTER TABLE `shop`.`oc_product`: ADD INDEX `idx_a` (`a`)", alter}};
  Change index_b = index_a;
  index_b.name = "idx_b";
  index_b.fields[1].after = nlohmann::json::array({"b"});
  index_b.actions = {{"sql", "ALTER TABLE `shop`.`oc_product`: ADD INDEX `idx_b` (`b`)", alter}};
  web1.changes = {create, update, secret, index_a, index_b, gone, same};
  web1.handlers = {{"php-fpm", "systemctl reload php8.2-fpm", {update.Address()}, "", ""}};
  HostPlan web2;
  web2.host = "web2";
  web2.errors = {"web2: cannot connect: connection refused\n  (not read: file \"motd\")"};
  HostPlan db1;
  db1.host = "db1";
  db1.changes = {Make("file", "quiet", "db1", ChangeKind::kNothing)};
  plan.hosts = {web1, web2, db1};
  return plan;
}

}  // namespace

TEST_CASE("render: text golden", "[render]") {
  testing::CheckPlanGolden("sample.txt", RenderText(Sample(), {}));
}

TEST_CASE("render: text with colour marks kinds and diff lines", "[render]") {
  std::string text = RenderText(Sample(), {true});
  CHECK(text.find("\x1b[32m+\x1b[0m \x1b[1mfile \"motd\" @ web1\x1b[0m") != std::string::npos);
  CHECK(text.find("\x1b[31m-opcache.memory_consumption=128\x1b[0m") != std::string::npos);
  CHECK(RenderText(Sample(), {false}).find('\x1b') == std::string::npos);
}

TEST_CASE("render: markdown golden", "[render]") {
  testing::CheckPlanGolden("sample.md", RenderMarkdown(Sample()));
}

TEST_CASE("render: json golden", "[render]") {
  testing::CheckPlanGolden("sample.json", RenderJson(Sample()));
}

TEST_CASE("render: nothing to do", "[render]") {
  Plan plan;
  plan.hosts = {HostPlan{"web1", {Make("file", "a", "web1", ChangeKind::kNothing)}, {}, {}, {}}};
  CHECK(RenderText(plan, {}) ==
        "No changes. The live state matches the specs.\n"
        "Plan: 0 to create, 0 to update, 0 to replace, 0 to delete.\n");
  plan.kind = "drift";
  CHECK(RenderText(plan, {}) ==
        "No drift: the live state matches the specs.\n"
        "Drift: 0 missing, 0 differing, 0 no longer declared.\n");
}

TEST_CASE("render: a problem alone is not \"No changes\", in text or markdown", "[render]") {
  Plan plan;
  Change slow = Make("health.check", "shop", "web1", ChangeKind::kNothing);
  slow.problems = {"http://127.0.0.1/health is slow: median 203 ms"};
  plan.hosts = {HostPlan{"web1", {slow}, {}, {}, {}}};
  for (const char* kind : {"plan", "drift"}) {
    plan.kind = kind;
    CHECK(RenderText(plan, {}).find("No ") == std::string::npos);
    std::string md = RenderMarkdown(plan);
    CHECK(md.find("No changes") == std::string::npos);
    CHECK(md.find("No drift") == std::string::npos);
    CHECK(md.find("problem: http://127.0.0.1/health is slow") != std::string::npos);
  }
}

TEST_CASE("render: drift lists suppressed and expired suppressions", "[render]") {
  Plan plan;
  plan.kind = "drift";
  plan.suppressed = {{Make("file", "tmp", "web1", ChangeKind::kUpdate), "vendor patch",
                      "2099-01-01"}};
  plan.expired_suppressions = {{"file \"x\" @ web1", "old incident", "2020-01-01"}};
  testing::CheckPlanGolden("drift.txt", RenderText(plan, {}));
  testing::CheckPlanGolden("drift.md", RenderMarkdown(plan));
}

TEST_CASE("render: markdown of a 5,000-change plan stays under the limit", "[render]") {
  Plan plan;
  for (int h = 0; h < 100; ++h) {
    HostPlan host;
    host.host = "web" + std::to_string(h);
    for (int i = 0; i < 50; ++i) {
      Change c = Make("file", "f" + std::to_string(i), host.host,
                      i % 10 == 0 ? ChangeKind::kDelete : ChangeKind::kUpdate);
      c.destructive = i % 10 == 0;
      std::string before, after;
      for (int line = 0; line < 200; ++line) {
        before += "setting_" + std::to_string(line) + " = old\n";
        after += "setting_" + std::to_string(line) + " = new\n";
      }
      c.fields = {{"content", before, after, false}};
      c.actions = {{"file", "write /etc/f" + std::to_string(i),
                    kit::UnifiedDiff(before, after, "a", "b")}};
      host.changes.push_back(c);
    }
    plan.hosts.push_back(host);
  }
  std::string md = RenderMarkdown(plan);
  CHECK(md.size() < kMarkdownLimit);
  CHECK(md.find("**Plan: 0 to create, 4500 to update, 0 to replace, 500 to delete.**") !=
        std::string::npos);
  CHECK(md.find("**⚠️ Destructive changes (500):**") != std::string::npos);
  CHECK(md.find("> **Truncated** to stay under 65000 characters") != std::string::npos);
  CHECK(md.find("kilter plan -o plan.json") != std::string::npos);
  CHECK(md.find("… 50 more hosts") != std::string::npos);
  // Destructive changes come first within a host section.
  size_t first_section = md.find("<details><summary><b>web0</b>");
  REQUIRE(first_section != std::string::npos);
  CHECK(md.find("- file \"f0\" @ web0") != std::string::npos);
  // Every <details> opened is closed.
  size_t open = 0, close = 0;
  for (size_t p = md.find("<details>"); p != std::string::npos; p = md.find("<details>", p + 1)) {
    ++open;
  }
  for (size_t p = md.find("</details>"); p != std::string::npos;
       p = md.find("</details>", p + 1)) {
    ++close;
  }
  CHECK(open == close);
}

TEST_CASE("render: a created rule is short, and a shared statement is printed once", "[render]") {
  Plan plan;
  HostPlan h;
  h.host = "fw1";
  for (int i = 0; i < 200; ++i) {
    Change c = Make("firewall.rule", "r" + std::to_string(i), "fw1", ChangeKind::kCreate);
    c.source = catalog::SourceLocation{"specs/fw.kilt", static_cast<uint32_t>(10 + i), 3};
    c.fields = {{"chain", nullptr, "input", false},
                {"protocol", nullptr, "tcp", false},
                {"dport", nullptr, 8000 + i, false},
                {"saddr", nullptr, "10.0.0.0/8", false},
                Defaulted("action", nullptr, "accept"),
                Defaulted("log", nullptr, false),
                {"comment", nullptr, nullptr, false}};
    c.reasons = {"table inet kilter is replaced whole"};
    c.actions = {{"nft", i == 0 ? "nft -f: replace table inet kilter in one transaction"
                                : "part of the one nft transaction on table inet kilter",
                  i == 0 ? std::string(2000, 'x') + "\n" : ""}};
    h.changes.push_back(c);
  }
  plan.hosts = {h};
  std::string text = RenderText(plan, {});
  size_t lines = std::count(text.begin(), text.end(), '\n');
  // The host line; the first rule with the shared reason and the one
  // transaction in full (5 lines), the second with "part of" (3), the rest
  // 2 lines each; a blank line and the summary.
  CHECK(lines == 1 + 5 + 3 + 198 * 2 + 2);
  CHECK(text.find("  + firewall.rule \"r7\" @ fw1  # specs/fw.kilt:17:3\n"
                  "      chain = \"input\", protocol = \"tcp\", dport = 8007, saddr = \"10.0.0.0/8\", "
                  "defaults: action = \"accept\", log = false\n") != std::string::npos);
  CHECK(text.find("comment") == std::string::npos);  // unset: nothing to show
  auto count = [&](const std::string& needle) {
    size_t n = 0;
    for (size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
    return n;
  };
  CHECK(count("# table inet kilter is replaced whole") == 1);
  CHECK(count("» part of the one nft transaction") == 1);
}

TEST_CASE("render: markdown never lets a diff break out of its fence", "[render]") {
  Plan plan;
  HostPlan h;
  h.host = "web1";
  Change c = Make("file", "readme", "web1", ChangeKind::kCreate);
  c.actions = {{"file", "write /README.md", "+```\n+# | table | <b>\n"}};
  h.changes = {c};
  plan.hosts = {h};
  std::string md = RenderMarkdown(plan);
  CHECK(md.find("````\n+```\n+# | table | <b>\n````\n") != std::string::npos);
}

TEST_CASE("render: a shard's plan says which share of the hosts it covers", "[render]") {
  Plan plan = Sample();
  plan.catalog.hosts = {{"web1"}, {"web2"}, {"db1"}, {"lb1"}, {"lb2"}};
  CHECK(RenderText(plan, {}).find("Only shard") == std::string::npos);
  CHECK(RenderMarkdown(plan).rfind("### kilter plan\n", 0) == 0);
  plan.shard = Shard{2, 3};
  std::string text = RenderText(plan, {});
  CHECK(text.find("Only shard 2/3: 3 of 5 hosts; `kilter report merge` joins the shards.\nPlan: ") !=
        std::string::npos);
  CHECK(RenderMarkdown(plan).rfind("### kilter plan (shard 2/3: 3 of 5 hosts)\n", 0) == 0);
}

}  // namespace kilter::reconciler
