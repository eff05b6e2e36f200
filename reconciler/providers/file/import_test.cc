#include "reconciler/providers/file/import.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::file {

namespace {

kit::FileRead Regular(const std::string& content, uint32_t mode) {
  kit::FileRead f;
  f.exists = true;
  f.regular = true;
  f.content = content;
  f.stat = {mode, "www-data", "adm", content.size(), false};
  return f;
}

}  // namespace

TEST_CASE("file import: a file and the regular files of a directory", "[file][import]") {
  kit::BatchResult read;
  read.files["/etc/app.conf"] = Regular("port = ${port}\n", 0640);
  kit::FileRead dir;
  dir.exists = true;
  read.files["/etc/shop"] = dir;
  read.globs["dir1"] = {"/etc/shop/a.ini", "/etc/shop/sub", "/etc/shop/b.ini"};
  read.files["/etc/shop/a.ini"] = Regular("a\n", 0644);
  read.files["/etc/shop/sub"] = dir;
  read.files["/etc/shop/b.ini"] = Regular("b\n", 0600);

  kit::SpecFile file = ImportedFiles("web1", {"/etc/app.conf", "/etc/shop", "/etc/none"}, read,
                                     {"/etc/shop/b.ini"});
  REQUIRE(file.resources.size() == 2);
  CHECK(file.notes == "not imported: /etc/none: nothing is there\n");
  CHECK(kit::RenderSpec("", {{file.resources[0]}, ""}) ==
        "\nfile \"/etc/app.conf\" on web1 {\n"
        "  path = \"/etc/app.conf\"\n"
        "  content = \"port = \\${port}\\n\"\n"
        "  mode = \"0640\"\n"
        "  owner = \"www-data\"\n"
        "  group = \"adm\"\n"
        "}\n");
  CHECK(file.resources[1].name == "/etc/shop/a.ini");
}

TEST_CASE("file import: binary content and setuid modes are notes, not resources",
          "[file][import]") {
  kit::BatchResult read;
  read.files["/usr/bin/tool"] = Regular("ok\n", 04755);
  read.files["/var/blob"] = Regular(std::string("\x7f" "ELF\x02", 5), 0644);
  kit::SpecFile file = ImportedFiles("web1", {"/usr/bin/tool", "/var/blob"}, read, {});
  CHECK(file.resources.empty());
  CHECK(file.notes ==
        "not imported: /usr/bin/tool: its mode 4755 has setuid, setgid or sticky bits, which a "
        "file resource cannot declare\n"
        "not imported: /var/blob: its content is not text (a string literal cannot hold the "
        "control character 0x7f)\n");
}

}  // namespace kilter::reconciler::file
