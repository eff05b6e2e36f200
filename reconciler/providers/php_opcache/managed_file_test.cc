#include "reconciler/providers/php_opcache/managed_file.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::php_opcache {

TEST_CASE("php.opcache files carry a mark naming the resource", "[php_opcache]") {
  std::string content = RenderManagedFile("shop.main", "web1",
                                          {{"opcache.enable", "1"}, {"opcache.jit", "\"off\""}});
  CHECK(content.rfind(
            "; Managed by kilter: php.opcache \"shop.main\" @ web1. Changes made here are drift.\n",
            0) == 0);
  CHECK(content.find("\nopcache.enable=1\nopcache.jit=\"off\"\n") != std::string::npos);

  auto file = ParseManagedFile("/x/90-kilter-shop.main.ini", content);
  REQUIRE(file);
  CHECK(file->name == "shop.main");
  CHECK(file->host == "web1");
  CHECK(file->intact);
  CHECK(file->recorded_fingerprint == Fingerprint("opcache.enable=1\nopcache.jit=\"off\"\n"));
}

TEST_CASE("php.opcache hand edits break the recorded fingerprint", "[php_opcache]") {
  std::string content = RenderManagedFile("shop", "web1", {{"opcache.enable", "1"}});
  std::string edited = content + "opcache.memory_consumption=64\n";
  auto file = ParseManagedFile("/x/a.ini", edited);
  REQUIRE(file);
  CHECK_FALSE(file->intact);
  CHECK(file->name == "shop");
}

TEST_CASE("php.opcache names with quotes survive the mark", "[php_opcache]") {
  std::string content = RenderManagedFile("a\" @ b", "web1", {});
  auto file = ParseManagedFile("/x/a.ini", content);
  REQUIRE(file);
  CHECK(file->name == "a\" @ b");
  CHECK(file->host == "web1");
}

TEST_CASE("php.opcache files without the mark are not kilter's", "[php_opcache]") {
  CHECK_FALSE(ParseManagedFile("/x/10-opcache.ini", "zend_extension=opcache.so\n"));
  CHECK_FALSE(ParseManagedFile("/x/a.ini", "; Managed by kilter: php.opcache garbage\n"));
  CHECK_FALSE(ParseManagedFile(
      "/x/a.ini", "; Managed by kilter: php.opcache garbage. Changes made here are drift.\n"));
  CHECK_FALSE(ParseManagedFile("/x/a.ini", ""));
}

TEST_CASE("php.opcache file names come from the pattern", "[php_opcache]") {
  CHECK(FileNameFor("90-kilter-{name}.ini", "shop.main") == "90-kilter-shop.main.ini");
  CHECK(FileNameFor("90-kilter-{name}.ini", "a b/c") == "90-kilter-a-b-c.ini");
  CHECK(FileNameFor("95-{name}.ini", "x_y-z") == "95-x_y-z.ini");
}

}  // namespace kilter::reconciler::php_opcache
