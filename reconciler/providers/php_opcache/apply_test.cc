#include <catch2/catch.hpp>

#include "reconciler/providers/php_opcache/test_fixture.h"
#include "support/default_settings.h"

namespace kilter::reconciler::php_opcache {

using namespace test;

namespace {

/// Answers the check program: the staged check first, then the check of the
/// real files, each from its own report.
void ScriptChecks(FakeTransport& transport, json staged, json real) {
  auto calls = std::make_shared<int>(0);
  transport.On(kPhpCommand, [=](const Command&) { return Ok(++*calls == 1 ? staged : real); });
}

}  // namespace

TEST_CASE("php.opcache apply stages, writes, and checks with PHP", "[php_opcache]") {
  Fixture f;
  ProviderContext context = f.Context({&f.shop});
  std::vector<Change> changes = f.Plan(context);
  f.transport.ClearLog();
  FakePhp after = f.php;
  after.AddFile(kFile, f.Applied());
  ScriptChecks(f.transport, CheckReport(after), CheckReport(after));
  f.provider.Apply(f.transport, context, changes);
  CHECK(f.transport.log() == std::vector<std::string>{"run " + kPhpCommand, "read " + kFile,
                                                       "write " + kFile, "run " + kPhpCommand});
  CHECK(f.transport.files()[kFile] == f.Applied());
  CHECK(f.transport.stats()[kFile].mode == 0644);
}

TEST_CASE("php.opcache apply writes nothing PHP rejects on the staged copy", "[php_opcache]") {
  Fixture f;
  ProviderContext context = f.Context({&f.shop});
  std::vector<Change> changes = f.Plan(context);
  f.transport.ClearLog();
  FakePhp after = f.php;
  after.AddFile(kFile, f.Applied());
  ScriptChecks(f.transport, CheckReport(after, 255, "PHP:  syntax error, unexpected '('"),
               CheckReport(after));
  CHECK_THROWS_WITH(f.provider.Apply(f.transport, context, changes),
                    Catch::Contains("syntax error, unexpected '('"));
  CHECK(f.transport.log() == std::vector<std::string>{"run " + kPhpCommand});
  CHECK(f.transport.files().empty());
}

TEST_CASE("php.opcache apply restores the previous file when PHP rejects the new one",
          "[php_opcache]") {
  Fixture f;
  std::string old = f.Applied();
  f.php.AddFile(kFile, old);
  f.transport.files()[kFile] = old;
  f.shop.fields["memory_consumption"] = 512 * kMiB;
  ProviderContext context = f.Context({&f.shop});
  std::vector<Change> changes = f.Plan(context);
  REQUIRE(changes[0].kind == ChangeKind::kUpdate);
  f.transport.ClearLog();
  std::string fresh = RenderDesired(ParseSettings(kilter::testing::DefaultSettings(f.provider.name())), f.shop, "web1")
                          .content;
  FakePhp after = f.php;
  after.AddFile(kFile, fresh);
  ScriptChecks(f.transport, CheckReport(after),
               CheckReport(after, 254, "Fatal Error Unable to allocate shared memory segment"));
  CHECK_THROWS_WITH(f.provider.Apply(f.transport, context, changes),
                    Catch::Contains("web1: PHP rejects the configuration (exit code 254)") &&
                        Catch::Contains("Unable to allocate shared memory segment") &&
                        Catch::Contains("the previous files were restored"));
  CHECK(f.transport.log() ==
        std::vector<std::string>{"run " + kPhpCommand, "read " + kFile, "write " + kFile,
                                 "run " + kPhpCommand, "write " + kFile});
  CHECK(f.transport.files()[kFile] == old);
}

TEST_CASE("php.opcache apply removes a new file PHP rejects", "[php_opcache]") {
  Fixture f;
  ProviderContext context = f.Context({&f.shop});
  std::vector<Change> changes = f.Plan(context);
  f.transport.ClearLog();
  FakePhp after = f.php;
  after.AddFile(kFile, f.Applied());
  ScriptChecks(f.transport, CheckReport(after), CheckReport(after, 0, "Warning: new trouble"));
  CHECK_THROWS_WITH(f.provider.Apply(f.transport, context, changes),
                    Catch::Contains("new trouble"));
  CHECK(f.transport.log().back() == "remove " + kFile);
  CHECK(f.transport.files().count(kFile) == 0);
}

TEST_CASE("php.opcache apply deletes an orphaned file", "[php_opcache]") {
  Fixture f;
  f.php.AddFile(kFile, f.Applied());
  f.transport.files()[kFile] = f.Applied();
  ProviderContext context = f.Context({});
  std::vector<Change> changes = f.Plan(context);
  REQUIRE(changes.size() == 1);
  f.transport.ClearLog();
  ScriptChecks(f.transport, CheckReport(f.php), CheckReport(f.php));
  f.provider.Apply(f.transport, context, changes);
  CHECK(f.transport.log() == std::vector<std::string>{"run " + kPhpCommand, "read " + kFile,
                                                       "remove " + kFile, "run " + kPhpCommand});
  CHECK(f.transport.files().empty());
}

TEST_CASE("php.opcache apply of nothing runs nothing", "[php_opcache]") {
  Fixture f;
  f.php.AddFile(kFile, f.Applied());
  ProviderContext context = f.Context({&f.shop});
  std::vector<Change> changes = f.Plan(context);
  f.transport.ClearLog();
  f.provider.Apply(f.transport, context, changes);
  CHECK(f.transport.log().empty());
}

}  // namespace kilter::reconciler::php_opcache
