#include "reconciler/providers/php_opcache/provider.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/php_opcache/test_fixture.h"

namespace kilter::reconciler::php_opcache {

using namespace test;

TEST_CASE("php.opcache reads a host with one command through its PHP", "[php_opcache]") {
  Fixture f;
  ProviderContext context = f.Context({&f.shop});
  f.transport.On(kPhpCommand, Ok(f.php.Report()));
  LiveState live = f.provider.Read(f.transport, context);
  // A batch of one command is that command alone.
  REQUIRE(f.transport.log() == std::vector<std::string>{"run " + kPhpCommand});
  CHECK(live.data["php_version"] == "8.2.36");
  CHECK(live.data["startup_errors"] == "");
}

TEST_CASE("php.opcache read program names ini_dir and kilter's mark", "[php_opcache]") {
  Fixture f;
  ProviderContext context = f.Context({&f.shop}, {{"ini_dir", "/srv/it's/conf.d"}});
  std::string program;
  f.php.scan_dirs = {"/srv/it's/conf.d"};
  f.transport.On(kPhpCommand.substr(kPhp.size()), [&](const Command& c) {
    program = c.stdin_data;
    return Ok(f.php.Report());
  });
  f.provider.Read(f.transport, context);
  CHECK(program.rfind("<?php", 0) == 0);
  CHECK(program.find("$ini_dir = '/srv/it\\'s/conf.d';") != std::string::npos);
  CHECK(program.find("ini_get_all('zend opcache', false)") != std::string::npos);
  CHECK(program.find("php_ini_scanned_files()") != std::string::npos);
}

TEST_CASE("php.opcache read failures name the host and what to fix", "[php_opcache]") {
  Fixture f;
  ProviderContext context = f.Context({&f.shop});
  SECTION("no php") {
    f.transport.On(kPhpCommand, CommandResult{127, "", "sh: 1: php8.2: not found"});
    CHECK_THROWS_WITH(f.provider.Read(f.transport, context),
                      Catch::Contains("web1") && Catch::Contains("command not found"));
  }
  SECTION("no php and nothing declared: nothing of kilter's to find") {
    ProviderContext empty = f.Context({});
    f.transport.On(kPhpCommand, CommandResult{127, "", "sh: 1: php8.2: not found"});
    LiveState live = f.provider.Read(f.transport, empty);
    CHECK(f.provider.Diff(empty, live).empty());
  }
  SECTION("opcache not loaded") {
    f.php.opcache = false;
    f.transport.On(kPhpCommand, Ok(f.php.Report()));
    CHECK_THROWS_WITH(f.provider.Read(f.transport, context),
                      Catch::Contains("web1") && Catch::Contains("Zend OPcache"));
  }
  SECTION("ini_dir not scanned") {
    f.php.scan_dirs = {"/etc/php/8.2/cli/conf.d"};
    f.transport.On(kPhpCommand, Ok(f.php.Report()));
    CHECK_THROWS_WITH(f.provider.Read(f.transport, context),
                      Catch::Contains("does not scan ini_dir " + kDir) &&
                          Catch::Contains("/etc/php/8.2/cli/conf.d"));
  }
  SECTION("garbage on stdout") {
    f.transport.On(kPhpCommand, CommandResult{0, "Warning: something\n{", ""});
    CHECK_THROWS_WITH(f.provider.Read(f.transport, context),
                      Catch::Contains("web1") && Catch::Contains("Warning: something"));
  }
}

TEST_CASE("php.opcache plans a create with effective values before and after",
          "[php_opcache]") {
  Fixture f;
  std::vector<Change> changes = f.Plan(f.Context({&f.shop}));
  REQUIRE(changes.size() == 1);
  const Change& c = changes[0];
  CHECK(c.Address() == "php.opcache \"shop\" @ web1");
  CHECK(c.kind == ChangeKind::kCreate);
  CHECK(c.cause == DriftCause::kMissing);
  const FieldChange* mem = FieldOf(c, "memory_consumption");
  REQUIRE(mem);
  CHECK(mem->before == 128 * kMiB);
  CHECK(mem->after == 256 * kMiB);
  CHECK(FieldOf(c, "revalidate_freq")->before == 2000);
  CHECK(FieldOf(c, "jit") == nullptr);  // "" on the host is off already
  CHECK(c.fields.size() == 4);
  REQUIRE(c.actions.size() == 2);
  CHECK(c.actions[0].summary == "write " + kFile);
  CHECK(c.actions[0].detail.find("+opcache.memory_consumption=256\n") != std::string::npos);
  CHECK(c.actions[0].detail.find("+opcache.jit=\"off\"\n") != std::string::npos);
  CHECK(c.actions[1].kind == "reload");
  CHECK(c.notifies == std::vector<std::string>{"php-fpm"});
  CHECK(c.source->file == "specs/web.kilt");
  CHECK(c.live.contains("effective"));  // what the engine fingerprints
}

TEST_CASE("php.opcache plans nothing once its file is in place", "[php_opcache]") {
  Fixture f;
  f.php.AddFile(kFile, f.Applied());
  std::vector<Change> changes = f.Plan(f.Context({&f.shop}));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  CHECK(changes[0].actions.empty());
  CHECK(changes[0].problems.empty());
}

TEST_CASE("php.opcache keeps the file the version before wrote, seal and all", "[php_opcache]") {
  // As written before the kit: the same mark, sealed with FNV-1a of the body.
  const std::string body =
      "opcache.jit=\"off\"\nopcache.max_accelerated_files=20000\n"
      "opcache.memory_consumption=256\nopcache.revalidate_freq=0\nopcache.validate_timestamps=0\n";
  const std::string old =
      "; Managed by kilter: php.opcache \"shop\" @ web1. Changes made here are drift.\n"
      "; kilter-fingerprint: 8922aa75836ef60d\n" + body;
  Fixture f;
  REQUIRE(f.Applied().substr(f.Applied().size() - body.size()) == body);
  f.php.AddFile(kFile, old);
  SECTION("nothing to do: it is not rewritten only to renew its seal") {
    std::vector<Change> changes = f.Plan(f.Context({&f.shop}));
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == ChangeKind::kNothing);
    CHECK(changes[0].problems.empty());
  }
  SECTION("the specs moved: a spec change, not a hand edit") {
    f.shop.fields["memory_consumption"] = 512 * kMiB;
    std::vector<Change> changes = f.Plan(f.Context({&f.shop}));
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].cause == DriftCause::kSpecChanged);
    CHECK(changes[0].actions[0].detail.find("+; kilter-fingerprint: ") != std::string::npos);
  }
  SECTION("no longer declared: still kilter's, so deleted") {
    std::vector<Change> changes = f.Plan(f.Context({}));
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == ChangeKind::kDelete);
  }
}

TEST_CASE("php.opcache file names come from the pattern", "[php_opcache]") {
  CHECK(FileNameFor("90-kilter-{name}.ini", "shop.main") == "90-kilter-shop.main.ini");
  CHECK(FileNameFor("90-kilter-{name}.ini", "a b/c") == "90-kilter-a-b-c.ini");
  CHECK(FileNameFor("95-{name}.ini", "x_y-z") == "95-x_y-z.ini");
}

TEST_CASE("php.opcache tells a spec change from a hand edit", "[php_opcache]") {
  Fixture f;
  SECTION("the file is as kilter wrote it, the specs moved") {
    f.php.AddFile(kFile, f.Applied());
    f.shop.fields["memory_consumption"] = 512 * kMiB;
    std::vector<Change> changes = f.Plan(f.Context({&f.shop}));
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == ChangeKind::kUpdate);
    CHECK(changes[0].cause == DriftCause::kSpecChanged);
    CHECK(FieldOf(changes[0], "memory_consumption")->before == 256 * kMiB);
    CHECK(changes[0].actions[0].detail.find("-opcache.memory_consumption=256\n"
                                            "+opcache.memory_consumption=512\n") !=
          std::string::npos);
  }
  SECTION("the file was edited on the host") {
    std::string edited = f.Applied();
    edited.replace(edited.find("memory_consumption=256"), 22, "memory_consumption=64");
    f.php.AddFile(kFile, edited);
    std::vector<Change> changes = f.Plan(f.Context({&f.shop}));
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == ChangeKind::kUpdate);
    CHECK(changes[0].cause == DriftCause::kLiveChanged);
    CHECK(FieldOf(changes[0], "memory_consumption")->before == 64 * kMiB);
    CHECK(changes[0].fields.size() == 1);
  }
}

TEST_CASE("php.opcache deletes the file of a resource no longer declared", "[php_opcache]") {
  Fixture f;
  f.php.AddFile(kFile, f.Applied());
  std::vector<Change> changes = f.Plan(f.Context({}));
  REQUIRE(changes.size() == 1);
  const Change& c = changes[0];
  CHECK(c.kind == ChangeKind::kDelete);
  CHECK(c.name == "shop");
  CHECK(c.actions[0].summary == "remove " + kFile);
  CHECK(c.notifies == std::vector<std::string>{"php-fpm"});
  REQUIRE(FieldOf(c, "memory_consumption"));
  CHECK(FieldOf(c, "memory_consumption")->before == "256");
  CHECK(FieldOf(c, "memory_consumption")->after.is_null());
}

TEST_CASE("php.opcache moves its file when file_name changes", "[php_opcache]") {
  Fixture f;
  f.php.AddFile(kFile, f.Applied());
  std::vector<Change> changes =
      f.Plan(f.Context({&f.shop}, {{"file_name", "95-kilter-{name}.ini"}}));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kUpdate);
  REQUIRE(changes[0].actions.size() == 3);
  CHECK(changes[0].actions[0].summary == "write " + kDir + "/95-kilter-shop.ini");
  CHECK(changes[0].actions[1].summary == "remove " + kFile);
}

TEST_CASE("php.opcache reports a stray file that overrides its value", "[php_opcache]") {
  Fixture f;
  f.php.AddFile(kFile, f.Applied());
  f.php.AddFile(kDir + "/99-override.ini", "opcache.memory_consumption=64\n", false);
  std::vector<Change> changes = f.Plan(f.Context({&f.shop}));
  REQUIRE(changes.size() == 1);
  const Change& c = changes[0];
  CHECK(c.kind == ChangeKind::kNothing);
  CHECK(c.cause == DriftCause::kLiveChanged);
  REQUIRE(c.problems.size() == 1);
  CHECK_THAT(c.problems[0], Catch::Contains("opcache.memory_consumption is \"64\", not 256") &&
                                Catch::Contains(kDir + "/99-override.ini sets it after") &&
                                Catch::Contains("does not own"));
}

TEST_CASE("php.opcache refuses values PHP cannot hold, naming the spec", "[php_opcache]") {
  Fixture f;
  f.shop.fields["revalidate_freq"] = 1500;
  CHECK_THROWS_WITH(f.Plan(f.Context({&f.shop})),
                    Catch::Contains("php.opcache \"shop\" @ web1") &&
                        Catch::Contains("whole seconds") && Catch::Contains("specs/web.kilt:4:1"));
}

TEST_CASE("php.opcache refuses two resources sharing one file", "[php_opcache]") {
  Fixture f;
  catalog::Resource other = f.shop;
  other.name = "shop/";
  other.fields = {{"enable", true}};
  f.shop.name = "shop-";
  CHECK_THROWS_WITH(f.Plan(f.Context({&f.shop, &other})),
                    Catch::Contains("would both be written to " + kDir + "/90-kilter-shop-.ini"));
}

TEST_CASE("php.opcache validates a plan with PHP on a staged copy", "[php_opcache]") {
  Fixture f;
  ProviderContext context = f.Context({&f.shop});
  std::vector<Change> changes = f.Plan(context);
  f.transport.ClearLog();
  std::string program;
  FakePhp after = f.php;
  after.AddFile(kFile, f.Applied());
  json report = CheckReport(after);
  f.transport.On(kPhpCommand, [&](const Command& c) {
    program = c.stdin_data;
    return Ok(report);
  });
  SECTION("PHP accepts it") {
    f.provider.Validate(f.transport, context, changes);
    CHECK(f.transport.log() == std::vector<std::string>{"run " + kPhpCommand});
    CHECK(program.find("$staged = json_decode(") != std::string::npos);
    CHECK(program.find(kFile) != std::string::npos);
    CHECK(program.find("opcache.memory_consumption=256") != std::string::npos);
  }
  SECTION("PHP rejects it") {
    report = CheckReport(after, 0, "Warning: Invalid \"opcache.jit\" setting in Unknown on line 0");
    CHECK_THROWS_WITH(f.provider.Validate(f.transport, context, changes),
                      Catch::Contains("web1: PHP rejects the configuration") &&
                          Catch::Contains("Invalid \"opcache.jit\" setting"));
  }
  SECTION("PHP fails to start, the timestamp of its fatal error aside") {
    report = CheckReport(after, 254,
                         "Fri Nov 27 21:41:58 2026 (27726): Fatal Error Insufficient shared "
                         "memory for interned strings buffer!\n");
    CHECK_THROWS_WITH(f.provider.Validate(f.transport, context, changes),
                      Catch::Contains("exit code 254") &&
                          Catch::Contains("\nFatal Error Insufficient shared memory"));
  }
  SECTION("PHP does not take a value from kilter's file") {
    after.Set("opcache.memory_consumption", "128", kDir + "/10-opcache.ini");
    after.directives["opcache.memory_consumption"]["setters"] = json::array({json::array({kFile, "256"})});
    report = CheckReport(after);
    CHECK_THROWS_WITH(f.provider.Validate(f.transport, context, changes),
                      Catch::Contains("PHP does not take opcache.memory_consumption=256 from " +
                                      kFile + " (it keeps \"128\")"));
  }
  SECTION("messages PHP printed before the change are warnings") {
    report = CheckReport(after, 0, "PHP Warning: old trouble\n", "PHP Warning: old trouble\n");
    f.provider.Validate(f.transport, context, changes);
    REQUIRE(changes[0].warnings.size() == 1);
    CHECK_THAT(changes[0].warnings[0], Catch::Contains("old trouble"));
  }
}

TEST_CASE("php.opcache validation needs no command when nothing changes", "[php_opcache]") {
  Fixture f;
  f.php.AddFile(kFile, f.Applied());
  ProviderContext context = f.Context({&f.shop});
  std::vector<Change> changes = f.Plan(context);
  f.transport.ClearLog();
  f.provider.Validate(f.transport, context, changes);
  CHECK(f.transport.log().empty());
}

TEST_CASE("php.opcache names the php-fpm reload handler", "[php_opcache]") {
  Fixture f;
  std::vector<Handler> handlers = f.provider.Handlers(f.Context({}, {{"reload", "/bin/true"}}));
  REQUIRE(handlers.size() == 1);
  CHECK(handlers[0].id == "php-fpm");
  CHECK(handlers[0].command == "/bin/true");
}

}  // namespace kilter::reconciler::php_opcache
