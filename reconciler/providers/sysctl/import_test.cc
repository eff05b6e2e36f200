#include "reconciler/providers/sysctl/import.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/sysctl/diff.h"
#include "reconciler/providers/sysctl/key.h"

namespace kilter::reconciler::sysctl {

namespace {

ProcEntry Ok(const std::string& value) { return {ProcEntry::State::kOk, value}; }

std::string Text(const kit::SpecFile& file) { return kit::RenderSpec("", file); }

}  // namespace

TEST_CASE("sysctl import: one resource per persisting file, live values", "[sysctl][import]") {
  HostState state;
  state.proc = {{"net.core.somaxconn", Ok("2048")},
                {"net.ipv4.tcp_rmem", Ok("4096\t131072\t6291456")},
                {"vm.swappiness", Ok("10")},
                {"kernel.pid_max", Ok("4194304")}};
  state.load_order = {{"/usr/lib/sysctl.d/50-net.conf",
                       "net.core.somaxconn = 2048\nnet.ipv4.tcp_rmem = 4096 131072 6291456\n"},
                      {"/etc/sysctl.d/60-vm.conf", "vm.swappiness=60\n"}};
  kit::SpecFile file = ImportedResources(
      "db1", state, {"net.core.somaxconn", "net.ipv4.tcp_rmem", "vm.swappiness", "kernel.pid_max"});
  REQUIRE(file.resources.size() == 3);
  CHECK(file.notes.empty());
  CHECK(Text(file) ==
        "\n# kernel parameters as 50-net persists them\n"
        "sysctl \"50-net\" on db1 {\n"
        "  values = {\n"
        "\"net.core.somaxconn\" = 2048\n"
        "\"net.ipv4.tcp_rmem\" = \"4096 131072 6291456\"\n"
        "}\n"
        "}\n"
        "\n# kernel parameters as 60-vm persists them\n"
        "sysctl \"60-vm\" on db1 {\n"
        "  values = {\n"
        "# live value; /etc/sysctl.d/60-vm.conf persists \"60\", which takes effect at boot\n"
        "\"vm.swappiness\" = 10\n"
        "}\n"
        "}\n"
        "\n# kernel parameters no sysctl.d file sets\n"
        "sysctl \"live\" on db1 {\n"
        "  values = {\n"
        "# live value; no sysctl.d file sets it (the kernel's default, or set by hand):\n"
        "# kilter persists it in its own file at the next apply\n"
        "\"kernel.pid_max\" = 4194304\n"
        "}\n"
        "}\n");
}

TEST_CASE("sysctl import: kilter's own file keeps its resource name; a missing key is a note",
          "[sysctl][import]") {
  HostState state;
  kit::FileToOwn own{kType, "backlog", "db1", kit::Comment::kHash, "", {}, "net.core.somaxconn = 8192\n"};
  state.proc = {{"net.core.somaxconn", Ok("8192")},
                {"net.foo.bar", {ProcEntry::State::kMissing, ""}}};
  state.load_order = {{"/etc/sysctl.d/kilter-backlog.conf", kit::Render(own)},
                      {"/etc/sysctl.d/90-foo.conf", "net.foo.bar = 1\n"}};
  kit::SpecFile file = ImportedResources("db1", state, {"net.core.somaxconn", "net.foo.bar"});
  REQUIRE(file.resources.size() == 1);
  CHECK(file.resources[0].name == "backlog");
  CHECK(file.notes == "not imported: net.foo.bar: the kernel has no /proc/sys/net/foo/bar\n");
}

TEST_CASE("sysctl import: values that are not plain decimal numbers stay strings",
          "[sysctl][import]") {
  HostState state;
  state.proc = {{"a.b", Ok("007")}, {"a.c", Ok("-1")}, {"a.d", Ok("99999999999999999999")}};
  kit::SpecFile file = ImportedResources("h", state, {"a.b", "a.c", "a.d"});
  REQUIRE(file.resources.size() == 1);
  std::string text = Text(file);
  CHECK(text.find("\"a.b\" = \"007\"") != std::string::npos);
  CHECK(text.find("\"a.c\" = -1") != std::string::npos);
  CHECK(text.find("\"a.d\" = \"99999999999999999999\"") != std::string::npos);
}

TEST_CASE("sysctl import: what it imports plans as nothing, adopted; kilter's file comes later",
          "[sysctl][import]") {
  HostState state;
  state.proc = {{"net.core.somaxconn", Ok("2048")}};
  state.load_order = {{"/usr/lib/sysctl.d/50-net.conf", "net.core.somaxconn = 2048\n"}};
  catalog::Resource r;
  r.type = kType;
  r.name = "50-net";
  r.host = "db1";
  r.fields = {{"values", {{"net.core.somaxconn", 2048}}}};
  Settings settings{"/etc/sysctl.d", {"/etc/sysctl.d", "/usr/lib/sysctl.d"}, ""};
  std::vector<Change> changes = DiffHost("db1", {&r}, settings, state);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == ChangeKind::kNothing);
  REQUIRE(changes[0].reasons.size() == 1);
  CHECK(changes[0].reasons[0].find("adopted as it is") == 0);

  // Not persisted anywhere: the live value would be lost at boot, so kilter's file is a create.
  state.load_order.clear();
  changes = DiffHost("db1", {&r}, settings, state);
  CHECK(changes[0].kind == ChangeKind::kCreate);
}

}  // namespace kilter::reconciler::sysctl
