#include <catch2/catch.hpp>

#include "compiler/sema/sema_test_util.h"

namespace kilter::compiler::testing {
namespace {

TEST_CASE("after resolves to addresses on the same host", "[link]") {
  Result r;
  Evaluate(r, R"(file "conf" on web { path = "/etc/app.conf" }
php.opcache "main" on web { after = ["file/conf"] }
)");
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  const EvaluatedResource* php = r.Resource("php.opcache \"main\" @ web2");
  REQUIRE(php);
  CHECK(php->resource.after == std::vector<std::string>{"file \"conf\" @ web2"});
  CHECK(php->field_spans.count("after") == 0);
  CHECK(php->resource.fields.count("after") == 0);
}

TEST_CASE("after inside a module looks at the module's own resources first", "[link]") {
  Result r;
  Evaluate(r, R"(module app(hosts: group) {
  file "conf" on hosts { path = "/etc/app.conf" }
  php.opcache "main" on hosts { after = ["file/conf"] }
}
use app "shop" (hosts = ["web1"])
)");
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  const EvaluatedResource* php = r.Resource("php.opcache \"shop.main\" @ web1");
  REQUIRE(php);
  CHECK(php->resource.after == std::vector<std::string>{"file \"shop.conf\" @ web1"});
}

TEST_CASE("after errors: unknown target, other host, syntax", "[link]") {
  Result unknown;
  Evaluate(unknown,
           "file \"conf\" on web1 { path = \"/c\" }\n"
           "php.opcache \"m\" on web1 { after = [\"file/cnof\"] }\n");
  REQUIRE(unknown.Find("E0310"));
  CHECK(unknown.Find("E0310")->hint == "did you mean file/conf?");
  CHECK(Result::Covered(*unknown.Find("E0310")) == "\"file/cnof\"");

  Result elsewhere;
  Evaluate(elsewhere,
           "file \"conf\" on web1 { path = \"/c\" }\n"
           "php.opcache \"m\" on web2 { after = [\"file/conf\"] }\n");
  REQUIRE(elsewhere.Find("E0310"));
  CHECK(elsewhere.Find("E0310")->hint == "file/conf is on web1");

  CHECK_ERROR("php.opcache \"m\" on web1 { after = [\"just-a-name\"] }\n", "E0203");
}

TEST_CASE("dependency cycles show the cycle", "[link]") {
  Result r;
  Evaluate(r, R"(file "a" on web { path = "/a", after = ["file/b"] }
file "b" on web { path = "/b", after = ["file/c"] }
file "c" on web { path = "/c", after = ["file/a"] }
)");
  const Diagnostic* d = r.Find("E0311");
  REQUIRE(d);
  CHECK(d->message == "dependency cycle: file/a → file/b → file/c → file/a");
  CHECK(d->related.size() == 2);
  CHECK(r.diags.error_count() == 1);
}

TEST_CASE("duplicate addresses show both places", "[link]") {
  Result r;
  Evaluate(r, "file \"a\" on web { path = \"/a\" }\nfile \"a\" on web1 { path = \"/b\" }\n");
  const Diagnostic* d = r.Find("E0208");
  REQUIRE(d);
  CHECK(d->message == "file \"a\" is declared twice on web1");
  REQUIRE(d->related.size() == 1);
  CHECK(r.resources.size() == 2);
}

TEST_CASE("host-wide fields must agree on a host", "[link]") {
  Result r;
  Evaluate(r,
           "php.opcache \"a\" on web { memory_consumption = 128MiB }\n"
           "php.opcache \"b\" on web1 { memory_consumption = 256MiB }\n");
  const Diagnostic* d = r.Find("E0209");
  REQUIRE(d);
  CHECK(d->message ==
        "php.opcache \"b\" sets memory_consumption = 256MiB, but php.opcache \"a\" on the same "
        "host sets 128MiB");
  CHECK(Result::Covered(*d) == "memory_consumption = 256MiB");
  REQUIRE(d->related.size() == 1);
  CHECK(Result::Covered(Diagnostic{Severity::kNote, "", "", d->related[0].span, "", {}}) ==
        "memory_consumption = 128MiB");

  CHECK_CLEAN(
      "php.opcache \"a\" on web { memory_consumption = 128MiB }\n"
      "php.opcache \"b\" on web1 { memory_consumption = 128MiB, enable_cli = true }\n");
  // The file schema is not host-wide: two files may differ in everything.
  CHECK_CLEAN(
      "file \"a\" on web1 { path = \"/a\", mode = \"0600\" }\n"
      "file \"b\" on web1 { path = \"/b\", mode = \"0644\" }\n");
}

}  // namespace
}  // namespace kilter::compiler::testing
