#include "reconciler/providers/file/file_provider.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/kit/manifest.h"
#include "support/fake_host.h"

namespace kilter::reconciler {

namespace {

using testing::CommandLabels;
using testing::FakeTransport;

catalog::Resource File(const std::string& name, const std::string& path, const std::string& content,
                       const std::string& mode = "0644") {
  catalog::Resource r;
  r.type = "file";
  r.name = name;
  r.host = "web1";
  r.fields = {
      {"path", path}, {"content", content}, {"mode", mode}, {"owner", nullptr}, {"group", nullptr}};
  r.source = {"site.kilt", 3, 1};
  return r;
}

struct Fixture {
  catalog::Host host{"web1", "127.0.0.1", "", 22, "local", "", nlohmann::json::object()};
  std::vector<catalog::Resource> resources;
  FakeTransport fake{"web1"};
  std::unique_ptr<Provider> provider = MakeFileProvider();

  Fixture() {
    testing::ServeEngineScripts(fake);
    fake.stats()["/etc/app"] = {0755, "root", "root", 0, true};
  }

  ProviderContext Context() {
    ProviderContext ctx{host, nlohmann::json::object(), {}, {}, nullptr, "/var/lib/kilter"};
    for (const catalog::Resource& r : resources) ctx.desired.push_back(&r);
    return ctx;
  }

  std::vector<Change> Plan() {
    ProviderContext ctx = Context();
    return provider->Diff(ctx, provider->Read(fake, ctx));
  }

  void Apply(const std::vector<Change>& changes) {
    ProviderContext ctx = Context();
    std::vector<Change> todo;
    for (const Change& c : changes) {
      if (c.kind != ChangeKind::kNothing) todo.push_back(c);
    }
    provider->Apply(fake, ctx, todo);
  }

  void Manifest(const std::string& path, const std::string& name, const std::string& content) {
    kit::Manifest m = fake.files().count("/var/lib/kilter/files.manifest")
                           ? kit::ParseManifest(fake.files()["/var/lib/kilter/files.manifest"])
                           : kit::Manifest{};
    m[path] = {name, kit::Sha256Hex(content), 0644, "", "", false};
    fake.files()["/var/lib/kilter/files.manifest"] = kit::FormatManifest(m);
  }
};

}  // namespace

TEST_CASE("file: one command reads every file, its directory (listed once) and the manifest",
          "[file]") {
  Fixture f;
  f.resources = {File("a", "/etc/app/a.conf", "a\n"), File("b", "/etc/app/b.conf", "b\n")};
  ProviderContext ctx = f.Context();
  f.provider->Read(f.fake, ctx);
  CHECK(CommandLabels(f.fake) == std::vector<std::string>{"read-files"});
  std::vector<std::string> log = f.fake.log();
  CHECK(std::vector<std::string>(log.begin() + 1, log.end()) ==
        std::vector<std::string>{"batch F /etc/app/a.conf", "batch F /etc/app/b.conf",
                                 "batch F /etc/app", "batch G /etc/app\t.*.kilter-*",
                                 "batch L /var/lib/kilter/files.manifest"});
}

TEST_CASE("file: a missing file is a create with a diff from /dev/null", "[file]") {
  Fixture f;
  f.resources = {File("motd", "/etc/app/motd", "hello\n")};
  std::vector<Change> changes = f.Plan();
  REQUIRE(changes.size() == 1);
  const Change& c = changes[0];
  CHECK(c.kind == ChangeKind::kCreate);
  CHECK(c.cause == DriftCause::kSpecChanged);
  CHECK(c.Address() == "file \"motd\" @ web1");
  REQUIRE(c.actions.size() == 1);
  CHECK(c.actions[0].summary == "write /etc/app/motd (mode 0644)");
  CHECK(c.actions[0].detail == "--- /dev/null\n+++ /etc/app/motd\n@@ -0,0 +1 @@\n+hello\n");
}

TEST_CASE("file: apply writes the file, then the manifest; the next plan is empty", "[file]") {
  Fixture f;
  f.resources = {File("motd", "/etc/app/motd", "hello\n", "0600")};
  f.Apply(f.Plan());
  std::vector<std::string> log;
  for (const std::string& line : f.fake.log()) {
    if (line.rfind("batch ", 0) != 0) log.push_back(line);
  }
  log[0] = testing::CommandLabel(log[0].substr(4));
  CHECK(log == std::vector<std::string>{"read-files", "read /var/lib/kilter/files.manifest",
                                        "write /etc/app/motd",
                                        "write /var/lib/kilter/files.manifest"});
  CHECK(f.fake.files()["/etc/app/motd"] == "hello\n");
  CHECK(f.fake.stats()["/etc/app/motd"].mode == 0600);
  auto manifest = kit::ParseManifest(f.fake.files()["/var/lib/kilter/files.manifest"]);
  CHECK(manifest["/etc/app/motd"].sha256 == kit::Sha256Hex("hello\n"));
  CHECK(manifest["/etc/app/motd"].name == "motd");
  for (const Change& c : f.Plan()) CHECK(c.kind == ChangeKind::kNothing);
}

TEST_CASE(
    "file: a hand edit is drift changed on the host; a spec edit is "
    "spec-changed",
    "[file]") {
  Fixture f;
  f.resources = {File("motd", "/etc/app/motd", "hello\n")};
  f.Apply(f.Plan());

  f.fake.files()["/etc/app/motd"] = "hacked\n";
  std::vector<Change> live_edit = f.Plan();
  REQUIRE(live_edit.size() == 1);
  CHECK(live_edit[0].kind == ChangeKind::kUpdate);
  CHECK(live_edit[0].cause == DriftCause::kLiveChanged);
  CHECK(live_edit[0].fields[0].field == "content");
  CHECK(live_edit[0].actions[0].detail ==
        "--- /etc/app/motd\n+++ /etc/app/motd\n@@ -1 +1 @@\n-hacked\n+hello\n");

  f.fake.files()["/etc/app/motd"] = "hello\n";
  f.resources[0].fields["content"] = "hello again\n";
  std::vector<Change> spec_edit = f.Plan();
  CHECK(spec_edit[0].cause == DriftCause::kSpecChanged);
  CHECK_FALSE(spec_edit[0].destructive);
}

TEST_CASE("file: a mode-only change is a chmod, not a rewrite", "[file]") {
  Fixture f;
  f.resources = {File("motd", "/etc/app/motd", "hello\n")};
  f.Apply(f.Plan());
  f.resources[0].fields["mode"] = "0640";
  std::vector<Change> changes = f.Plan();
  REQUIRE(changes[0].fields.size() == 1);
  CHECK(changes[0].fields[0].before == "0644");
  CHECK(changes[0].fields[0].after == "0640");
  f.fake.ClearLog();
  f.fake.On("chmod", CommandResult{0, "", ""});
  f.Apply(changes);
  CHECK(f.fake.commands() == std::vector<std::string>{"chmod 0640 /etc/app/motd"});
}

TEST_CASE("file: a file kilter wrote that left the specs is deleted", "[file]") {
  Fixture f;
  f.resources = {File("motd", "/etc/app/motd", "hello\n"), File("old", "/etc/app/old", "x\n")};
  f.Apply(f.Plan());
  f.resources.pop_back();
  std::vector<Change> changes = f.Plan();
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  const Change& del = changes[1];
  CHECK(del.kind == ChangeKind::kDelete);
  CHECK(del.Address() == "file \"old\" @ web1");
  CHECK(del.destructive);
  CHECK(del.actions[0].summary == "remove /etc/app/old");
  f.fake.ClearLog();
  f.Apply(changes);
  CHECK(f.fake.log() == std::vector<std::string>{"read /var/lib/kilter/files.manifest",
                                                 "remove /etc/app/old",
                                                 "write /var/lib/kilter/files.manifest"});
  CHECK(f.fake.files().count("/etc/app/old") == 0);
  CHECK(f.Plan().size() == 1);
}

TEST_CASE("file: temp files left by an interrupted write are removed", "[file]") {
  Fixture f;
  f.resources = {File("motd", "/etc/app/motd", "hello\n")};
  f.Apply(f.Plan());
  f.fake.files()["/etc/app/.motd.kilter-x1Y2z3"] = "hel";
  std::vector<Change> changes = f.Plan();
  REQUIRE(changes[0].kind == ChangeKind::kUpdate);
  CHECK(changes[0].fields.empty());
  CHECK(changes[0].actions.back().summary ==
        "remove /etc/app/.motd.kilter-x1Y2z3 (left by an interrupted write)");
  f.fake.ClearLog();
  f.Apply(changes);
  CHECK(f.fake.log() == std::vector<std::string>{"read /var/lib/kilter/files.manifest",
                                                 "remove /etc/app/.motd.kilter-x1Y2z3",
                                                 "write /var/lib/kilter/files.manifest"});
  CHECK(f.Plan()[0].kind == ChangeKind::kNothing);
}

TEST_CASE("file: one listing of a directory finds the temp files of each of its files",
          "[file]") {
  Fixture f;
  f.resources = {File("a", "/etc/app/a", "a\n"), File("ab", "/etc/app/a.b", "ab\n")};
  f.Apply(f.Plan());
  f.fake.files()["/etc/app/.a.b.kilter-x1Y2z3"] = "a";
  f.fake.files()["/etc/app/.other.kilter-q9W8e7"] = "o";
  std::vector<Change> changes = f.Plan();
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].Address() == "file \"a\" @ web1");
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK(changes[1].Address() == "file \"ab\" @ web1");
  REQUIRE(changes[1].kind == ChangeKind::kUpdate);
  CHECK(changes[1].actions.back().summary ==
        "remove /etc/app/.a.b.kilter-x1Y2z3 (left by an interrupted write)");
}

TEST_CASE("file: an unmanaged existing file is taken over with a warning", "[file]") {
  Fixture f;
  f.fake.files()["/etc/app/motd"] = "theirs\n";
  f.resources = {File("motd", "/etc/app/motd", "ours\n")};
  std::vector<Change> changes = f.Plan();
  CHECK(changes[0].kind == ChangeKind::kUpdate);
  CHECK(changes[0].destructive);
  REQUIRE(changes[0].warnings.size() == 1);
  CHECK(changes[0].warnings[0] ==
        "/etc/app/motd exists and was not written by "
        "kilter: its content will be replaced");
}

TEST_CASE("file: right content kilter never wrote is adopted, recorded when kilter writes it",
          "[file]") {
  Fixture f;
  f.fake.files()["/etc/app/motd"] = "same\n";
  f.resources = {File("motd", "/etc/app/motd", "same\n")};
  std::vector<Change> changes = f.Plan();
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK(changes[0].reasons ==
        std::vector<std::string>{"adopted as it is: the host already holds what the specs "
                                 "declare; kilter lists /etc/app/motd in its manifest at the "
                                 "next apply that changes this resource"});
  f.resources = {File("motd", "/etc/app/motd", "new\n")};
  changes = f.Plan();
  CHECK(changes[0].kind == ChangeKind::kUpdate);
  f.Apply(changes);
  CHECK(f.fake.files()["/var/lib/kilter/files.manifest"].find("\n/etc/app/motd\t") !=
        std::string::npos);
  CHECK(f.Plan()[0].kind == ChangeKind::kNothing);
}

TEST_CASE("file: kilter's file that vanished is a create caused by its absence", "[file]") {
  Fixture f;
  f.resources = {File("motd", "/etc/app/motd", "hello\n")};
  f.Manifest("/etc/app/motd", "motd", "hello\n");
  std::vector<Change> changes = f.Plan();
  CHECK(changes[0].kind == ChangeKind::kCreate);
  CHECK(changes[0].cause == DriftCause::kMissing);
}

TEST_CASE("file: sensitive content never shows in a diff", "[file]") {
  Fixture f;
  f.resources = {File("env", "/etc/app/env", "TOKEN=abc\n")};
  f.resources[0].sensitive = {"content"};
  std::vector<Change> changes = f.Plan();
  CHECK(changes[0].actions[0].detail == "(content hidden: sensitive)");
  f.Apply(changes);
  f.fake.files()["/etc/app/env"] = "TOKEN=changed\n";
  changes = f.Plan();
  CHECK(changes[0].fields[0].sensitive);
  CHECK(changes[0].actions[0].detail == "(content hidden: sensitive)");
  // Once removed from the specs, the manifest still knows it was sensitive.
  f.resources.clear();
  changes = f.Plan();
  REQUIRE(changes[0].kind == ChangeKind::kDelete);
  CHECK(changes[0].actions[0].detail == "(content hidden: sensitive)");
}

TEST_CASE("file: bad input is an error naming the resource", "[file]") {
  Fixture f;
  SECTION("relative path") {
    f.resources = {File("x", "etc/x", "")};
    CHECK_THROWS_WITH(f.Plan(), Catch::Contains("file \"x\" @ web1: path \"etc/x\" must be"));
  }
  SECTION("bad mode") {
    f.resources = {File("x", "/etc/app/x", "", "rw-r--r--")};
    CHECK_THROWS_WITH(f.Plan(), Catch::Contains("file \"x\" @ web1: mode \"rw-r--r--\""));
  }
  SECTION("missing directory") {
    f.resources = {File("x", "/nowhere/x", "")};
    CHECK_THROWS_WITH(f.Plan(),
                      Catch::Contains("file \"x\" @ web1: directory /nowhere does not exist"));
  }
  SECTION("two resources, one path") {
    f.resources = {File("x", "/etc/app/x", ""), File("y", "/etc/app/x", "")};
    CHECK_THROWS_WITH(f.Plan(), Catch::Contains("file \"x\" @ web1 and file \"y\" @ web1 both"));
  }
  SECTION("a directory where the file should be") {
    f.fake.stats()["/etc/app/x"] = {0755, "root", "root", 0, true};
    f.resources = {File("x", "/etc/app/x", "")};
    CHECK_THROWS_WITH(f.Plan(), Catch::Contains("/etc/app/x exists and is not a regular file"));
  }
}

}  // namespace kilter::reconciler
