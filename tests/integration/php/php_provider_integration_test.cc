// php.opcache against the real php-cli of the test estate (service "php"),
// through the real local transport and the real SSH transport (service
// "sshd", on loopback, so both reach the same files): each test runs once per
// transport and gets a PHP host of its own (php.ini, a scan directory kilter
// manages, a `php` wrapper, a reload recorder) from the estate's new-host
// script.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "reconciler/providers/php_opcache/provider.h"
#include "reconciler/transport/transport.h"
#include "support/estate.h"
#include "support/estate_host.h"
#include "support/default_settings.h"
#include "support/read_text.h"

namespace kilter::reconciler::php_opcache {

namespace {

namespace fs = std::filesystem;
using kilter::testing::ReadText;
using nlohmann::json;

constexpr int64_t kMiB = 1024 * 1024;

/// A Transport that counts what goes through it to a real one.
class Counting : public Transport {
 public:
  explicit Counting(std::unique_ptr<Transport> inner) : inner_(std::move(inner)) {}
  const std::string& host() const override { return inner_->host(); }
  CommandResult Run(const Command& command) override {
    ++runs;
    return inner_->Run(command);
  }
  std::optional<std::string> ReadFile(const std::string& path) override {
    return inner_->ReadFile(path);
  }
  void WriteFile(const std::string& path, const std::string& content,
                 const WriteOptions& options) override {
    ++writes;
    inner_->WriteFile(path, content, options);
  }
  std::optional<FileStat> Stat(const std::string& path) override { return inner_->Stat(path); }
  void Remove(const std::string& path) override {
    ++removes;
    inner_->Remove(path);
  }
  void Reset() { runs = writes = removes = 0; }

  int runs = 0, writes = 0, removes = 0;

 private:
  std::unique_ptr<Transport> inner_;
};

void Spit(const std::string& path, const std::string& content) {
  std::ofstream(path) << content;
}

/// A fresh PHP host and the resource kilter manages on it.
struct PhpHost {
  std::string dir;
  std::string ini_dir;
  std::string php;
  std::string tmp;
  catalog::Host host;
  catalog::Resource shop;
  PhpOpcacheProvider provider;
  Counting transport;

  /// A fresh host for test `name`, reached through a transport the test
  /// case generates, so each case runs over local and over SSH.
  explicit PhpHost(const std::string& name)
      : host(testing::EstateHost(GENERATE(as<std::string>{}, "local", "ssh"))),
        transport(testing::ConnectEstate(host)) {
    std::map<std::string, std::string> env = testing::EstateEnv("php");
    dir = fs::path(env.at("PHP_DIR")).parent_path() / "tests" / (name + "-" + host.transport);
    std::string cmd = env.at("PHP_NEW_HOST") + " " + dir;
    REQUIRE(std::system(cmd.c_str()) == 0);
    ini_dir = dir + "/conf.d";
    php = dir + "/bin/php";
    // PHP stages its scratch copies in TMPDIR: a directory of this test's
    // own, so the test can see they are cleaned up. The `php` command sets
    // it, so it holds over SSH too.
    tmp = dir + "/tmp";
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    shop.type = "php.opcache";
    shop.name = "shop";
    shop.host = "web1";
    shop.fields = {{"enable", true},
                   {"memory_consumption", 192 * kMiB},
                   {"interned_strings_buffer", 16 * kMiB},
                   {"max_accelerated_files", 20000},
                   {"validate_timestamps", false},
                   {"revalidate_freq", 0},
                   {"jit", "off"}};
    shop.field_types = {{"memory_consumption", "size"},
                        {"interned_strings_buffer", "size"},
                        {"revalidate_freq", "duration"}};
    shop.source = {"specs/web.kilt", 3, 1};
  }

  std::string File() const { return ini_dir + "/90-kilter-shop.ini"; }

  ProviderContext Context(std::vector<const catalog::Resource*> desired) {
    json settings = kilter::testing::DefaultSettings(provider.name());
    settings["ini_dir"] = ini_dir;
    settings["php"] = "env TMPDIR=" + tmp + " " + php;
    settings["reload"] = dir + "/bin/reload";
    return ProviderContext{host, settings, std::move(desired), {}, nullptr};
  }

  std::vector<Change> Plan(const ProviderContext& context, bool validate = true) {
    std::vector<Change> changes = provider.Diff(context, provider.Read(transport, context));
    bool any = false;
    for (const Change& c : changes) any = any || c.kind != ChangeKind::kNothing;
    if (validate && any) provider.Validate(transport, context, changes);
    return changes;
  }

  void Apply(std::vector<const catalog::Resource*> desired) {
    ProviderContext context = Context(std::move(desired));
    provider.Apply(transport, context, Plan(context));
  }

  /// What the host's PHP itself says about a directive.
  std::string Effective(const std::string& directive) {
    Command command;
    command.argv = {php, "-r", "echo ini_get('" + directive + "');"};
    CommandResult r = transport.Run(command);
    INFO(r.err);
    REQUIRE(r.ok());
    return r.out;
  }
};

bool AllNothing(const std::vector<Change>& changes) {
  for (const Change& c : changes) {
    if (c.kind != ChangeKind::kNothing || !c.problems.empty()) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("php.opcache: apply, then the plan is empty and a second apply does nothing",
          "[php]") {
  PhpHost h("converge");
  INFO("over " << h.host.transport);
  h.Apply({&h.shop});
  CHECK(h.Effective("opcache.memory_consumption") == "192");
  CHECK(h.Effective("opcache.validate_timestamps") == "0");
  CHECK(h.Effective("opcache.max_accelerated_files") == "20000");
  CHECK(ReadText(h.File()).rfind("; Managed by kilter: php.opcache \"shop\" @ web1.", 0) == 0);

  h.transport.Reset();
  ProviderContext context = h.Context({&h.shop});
  std::vector<Change> again = h.Plan(context);
  CHECK(h.transport.runs == 1);  // the whole read is one command
  REQUIRE(again.size() == 1);
  CHECK(AllNothing(again));
  h.provider.Apply(h.transport, context, again);
  CHECK(h.transport.runs == 1);
  CHECK(h.transport.writes == 0);
  CHECK(h.transport.removes == 0);
}

TEST_CASE("php.opcache: a hand edit is drift on the host, fixed by the next apply", "[php]") {
  PhpHost h("hand-edit");
  INFO("over " << h.host.transport);
  h.Apply({&h.shop});
  std::string content = ReadText(h.File());
  content.replace(content.find("memory_consumption=192"), 22, "memory_consumption=64");
  Spit(h.File(), content);

  std::vector<Change> drift = h.Plan(h.Context({&h.shop}), false);
  REQUIRE(drift.size() == 1);
  CHECK(drift[0].kind == ChangeKind::kUpdate);
  CHECK(drift[0].cause == DriftCause::kLiveChanged);
  REQUIRE(drift[0].fields.size() == 1);
  CHECK(drift[0].fields[0].field == "memory_consumption");
  CHECK(drift[0].fields[0].before == 64 * kMiB);
  CHECK(drift[0].fields[0].after == 192 * kMiB);

  h.Apply({&h.shop});
  CHECK(h.Effective("opcache.memory_consumption") == "192");
  CHECK(AllNothing(h.Plan(h.Context({&h.shop}))));
}

TEST_CASE("php.opcache: a stray file that overrides kilter's value is named", "[php]") {
  PhpHost h("stray");
  INFO("over " << h.host.transport);
  h.Apply({&h.shop});
  Spit(h.ini_dir + "/99-override.ini", "opcache.memory_consumption=64\n");

  std::vector<Change> drift = h.Plan(h.Context({&h.shop}), false);
  REQUIRE(drift.size() == 1);
  REQUIRE(drift[0].problems.size() == 1);
  CHECK_THAT(drift[0].problems[0],
             Catch::Contains(h.ini_dir + "/99-override.ini sets it after kilter's " + h.File()));
  CHECK(drift[0].cause == DriftCause::kLiveChanged);
  // Apply cannot fix a file kilter does not own, and does not pretend to.
  h.transport.Reset();
  h.Apply({&h.shop});
  CHECK(h.transport.writes == 0);
  CHECK(h.Effective("opcache.memory_consumption") == "64");
}

TEST_CASE("php.opcache: PHP's own check fails the plan and the apply, old file kept",
          "[php]") {
  PhpHost h("reject");
  INFO("over " << h.host.transport);
  h.Apply({&h.shop});
  std::string before = ReadText(h.File());

  SECTION("a value PHP refuses") {
    h.shop.fields["jit"] = "sideways";
    ProviderContext context = h.Context({&h.shop});
    CHECK_THROWS_WITH(h.Plan(context), Catch::Contains("PHP rejects the configuration") &&
                                           Catch::Contains("Invalid \"opcache.jit\" setting"));
    std::vector<Change> unchecked = h.Plan(context, false);
    CHECK_THROWS_WITH(h.provider.Apply(h.transport, context, unchecked),
                      Catch::Contains("Invalid \"opcache.jit\" setting"));
  }
  SECTION("a size PHP cannot start with") {
    h.shop.fields["memory_consumption"] = 16 * kMiB;
    h.shop.fields["interned_strings_buffer"] = 32 * kMiB;
    ProviderContext context = h.Context({&h.shop});
    CHECK_THROWS_WITH(h.Plan(context), Catch::Contains("exit code") &&
                                           Catch::Contains("interned strings buffer"));
    std::vector<Change> unchecked = h.Plan(context, false);
    CHECK_THROWS_WITH(h.provider.Apply(h.transport, context, unchecked),
                      Catch::Contains("interned strings buffer"));
  }
  CHECK(ReadText(h.File()) == before);
  CHECK(h.Effective("opcache.memory_consumption") == "192");
  CHECK(fs::is_empty(h.tmp));  // PHP's scratch copies are gone
}

TEST_CASE("php.opcache: a resource gone from the specs has its file removed", "[php]") {
  PhpHost h("orphan");
  INFO("over " << h.host.transport);
  h.Apply({&h.shop});
  std::vector<Change> changes = h.Plan(h.Context({}));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kDelete);
  h.Apply({});
  CHECK_FALSE(fs::exists(h.File()));
  CHECK(h.Effective("opcache.memory_consumption") == "128");
  CHECK(h.Plan(h.Context({})).empty());
}

TEST_CASE("php.opcache: an ini_dir PHP does not scan is refused", "[php]") {
  PhpHost h("unscanned");
  INFO("over " << h.host.transport);
  ProviderContext context = h.Context({&h.shop});
  context.settings["ini_dir"] = h.dir;
  CHECK_THROWS_WITH(h.provider.Read(h.transport, context),
                    Catch::Contains("PHP does not scan ini_dir " + h.dir) &&
                        Catch::Contains(h.ini_dir));
}

}  // namespace kilter::reconciler::php_opcache
