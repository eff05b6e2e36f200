#include <algorithm>

#include <catch2/catch.hpp>

#include "compiler/sema/sema_test_util.h"

namespace kilter::compiler::testing {
namespace {

/// The first error of `text`, which must have code `code`. `r` keeps the
/// sources the diagnostic points into.
const Diagnostic& ErrorIn(Result& r, const std::string& text, const std::string& code) {
  Evaluate(r, text);
  INFO(r.Text());
  const Diagnostic* d = r.Find(code);
  REQUIRE(d);
  return *d;
}

TEST_CASE("a resource becomes catalog entries with units normalised", "[typecheck]") {
  Result r;
  Evaluate(r, R"(php.opcache "storefront" on web {
  memory_consumption    = 256MiB
  max_accelerated_files = 20000
  validate_timestamps   = false
  revalidate_freq       = "5m"
}
)");
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  REQUIRE(r.resources.size() == 2);
  const catalog::Resource& res = r.resources[0].resource;
  CHECK(res.Address() == "php.opcache \"storefront\" @ web1");
  CHECK(r.resources[1].resource.host == "web2");
  CHECK(res.fields["memory_consumption"] == 268435456);
  CHECK(res.fields["revalidate_freq"] == 300000);
  CHECK(res.fields["validate_timestamps"] == false);
  CHECK(res.fields["enable"] == true);  // default
  CHECK(res.fields["interned_strings_buffer"] == 8 * 1024 * 1024);
  CHECK(res.fields["jit"] == "disable");
  CHECK(res.field_types.at("memory_consumption") == "size");
  CHECK(res.field_types.at("revalidate_freq") == "duration");
  CHECK(res.source.file == "main.kilt");
  CHECK(res.source.line == 1);
  CHECK(r.resources[0].field_spans.count("memory_consumption") == 1);
  CHECK(r.resources[0].field_spans.count("enable") == 0);
}

TEST_CASE("the catalog keeps the units the spec wrote and which fields are defaults",
          "[typecheck]") {
  Result r;
  Evaluate(r, R"(let freq = 60s
php.opcache "storefront" on web1 {
  memory_consumption = 256MiB
  revalidate_freq    = freq
  jit_buffer_size    = 2 * 32MiB
  enable             = true
}
)");
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  const catalog::Resource& res = r.resources[0].resource;
  CHECK(res.field_units.at("memory_consumption") == "MiB");
  CHECK(res.field_units.count("revalidate_freq") == 0);  // a name, not a literal: no unit
  CHECK(res.field_units.count("jit_buffer_size") == 0);  // an expression has no unit
  CHECK(res.field_units.count("interned_strings_buffer") == 0);  // a default
  auto defaulted = [&](const char* f) {
    return std::find(res.defaulted.begin(), res.defaulted.end(), f) != res.defaulted.end();
  };
  CHECK(defaulted("jit"));
  CHECK(defaulted("interned_strings_buffer"));
  CHECK_FALSE(defaulted("memory_consumption"));
  CHECK_FALSE(defaulted("enable"));  // set to its default value: the spec says it
  CHECK(defaulted("file_cache"));  // "" is a default value like any other
}

TEST_CASE("unit mismatch names what was expected", "[typecheck]") {
  Result r_d;
  const Diagnostic& d =
      ErrorIn(r_d, "php.opcache \"x\" on web1 { memory_consumption = 5s }", "E0203");
  CHECK(d.message == "`memory_consumption`: expected a size like 128MiB, got a duration (5s)");
  CHECK(Result::Covered(d) == "5s");
}

TEST_CASE("a bare number where a size is wanted suggests a unit", "[typecheck]") {
  Result r_d;
  const Diagnostic& d =
      ErrorIn(r_d, "php.opcache \"x\" on web1 { memory_consumption = 256 }", "E0203");
  CHECK(d.hint == "did you mean 256MiB?");
  CHECK_CLEAN("php.opcache \"x\" on web1 { jit_buffer_size = 0 }");
}

TEST_CASE("unknown field and type suggest the close name", "[typecheck]") {
  Result r_field;
  const Diagnostic& field =
      ErrorIn(r_field, "php.opcache \"x\" on web1 { memory_consumtion = 1GiB }", "E0202");
  CHECK(field.message == "php.opcache \"x\" has no field `memory_consumtion`");
  CHECK(field.hint == "did you mean memory_consumption?");
  CHECK(Result::Covered(field) == "memory_consumtion");
  Result r_type;
  const Diagnostic& type = ErrorIn(r_type, "php.opcach \"x\" on web1 { }", "E0201");
  CHECK(type.hint == "did you mean php.opcache?");
}

TEST_CASE("ranges and enums", "[typecheck]") {
  Result r_range;
  const Diagnostic& range =
      ErrorIn(r_range, "php.opcache \"x\" on web1 { max_wasted_percentage = 80 }", "E0204");
  CHECK(range.message == "`max_wasted_percentage`: 80 is out of range 1..50");
  Result r_small;
  const Diagnostic& small =
      ErrorIn(r_small, "php.opcache \"x\" on web1 { memory_consumption = 4MiB }", "E0204");
  CHECK(small.message == "`memory_consumption`: 4MiB is out of range 8MiB..16GiB");
  Result r_choice;
  const Diagnostic& choice =
      ErrorIn(r_choice, "php.opcache \"x\" on web1 { preferred_memory_model = \"mmpa\" }", "E0204");
  CHECK(choice.message ==
        "`preferred_memory_model`: \"mmpa\" is not one of \"\", \"mmap\", \"shm\", \"posix\"");
  CHECK(choice.hint == "did you mean mmap?");
}

TEST_CASE("missing required field", "[typecheck]") {
  Result r_d;
  const Diagnostic& d = ErrorIn(r_d, "file \"motd\" on web1 { content = \"hi\" }", "E0205");
  CHECK(d.message == "file \"motd\" is missing required field `path`");
  CHECK(Result::Covered(d) == "file \"motd\"");
}

TEST_CASE("a field set twice", "[typecheck]") {
  Result r_d;
  const Diagnostic& d =
      ErrorIn(r_d, "php.opcache \"x\" on web1 {\n enable = true\n enable = false\n}", "E0212");
  CHECK(d.related.size() == 1);
}

TEST_CASE("cron strings are checked precisely", "[typecheck]") {
  Result r_d;
  const Diagnostic& d = ErrorIn(r_d, R"(backup.policy "db" on db1 {
  source = { mysql = "opencart" }
  repository = "/srv/restic"
  password_file = "/etc/restic.pass"
  schedule = "61 * * * *"
})",
                                "E0206");
  CHECK(Result::Covered(d) == "61");
  CHECK(d.message.find("minute") != std::string::npos);
}

TEST_CASE("nested objects are checked with their path", "[typecheck]") {
  Result r_d;
  const Diagnostic& d = ErrorIn(r_d, R"(backup.policy "db" on db1 {
  source = { mysql = "opencart" }
  repository = "/srv/restic"
  password_file = "/etc/restic.pass"
  schedule = "30 2 * * *"
  keep = { daily = "7" }
})",
                                "E0203");
  CHECK(d.message == "`keep.daily`: expected an int, got a string (\"7\")");
  Result r_unknown;
  const Diagnostic& unknown = ErrorIn(r_unknown, R"(backup.policy "db" on db1 {
  source = { mysql = "opencart" }
  repository = "/srv/restic"
  password_file = "/etc/restic.pass"
  schedule = "30 2 * * *"
  keep = { dayly = 7 }
})",
                                      "E0202");
  CHECK(unknown.hint == "did you mean daily?");
}

TEST_CASE("unknown hosts point at the name and suggest one", "[typecheck]") {
  Result r_d;
  const Diagnostic& d = ErrorIn(r_d, "group shop = [\"web1\", \"wbe2\"]\n", "E0305");
  CHECK(d.message == "unknown host `wbe2`: it is not in the inventory");
  CHECK(d.hint == "did you mean web2?");
  CHECK(Result::Covered(d) == "\"wbe2\"");
  CHECK_ERROR("file \"f\" on dbx { path = \"/f\" }", "E0301");
  CHECK_ERROR("file \"f\" on \"dbx\" { path = \"/f\" }", "E0305");
}

TEST_CASE("schema asserts and warns", "[typecheck]") {
  Result r_a;
  const Diagnostic& a = ErrorIn(r_a,
                                "php.opcache \"x\" on web1 {\n memory_consumption = 64MiB\n "
                                "interned_strings_buffer = 64MiB\n}",
                                "E0207");
  CHECK(a.message ==
        "interned_strings_buffer lives inside memory_consumption and must be smaller than it");
  CHECK(Result::Covered(a) == "interned_strings_buffer = 64MiB");
  REQUIRE(a.related.size() == 1);
  CHECK(a.related[0].span.file->path() == "<stdlib>/schemas/php.kilt");

  Result w;
  Evaluate(w, "php.opcache \"x\" on web1 {\n revalidate_freq = 0s\n}");
  INFO(w.Text());
  CHECK_FALSE(w.diags.has_errors());
  const Diagnostic* warn = w.Find("W0201");
  REQUIRE(warn);
  CHECK(warn->severity == Severity::kWarning);
  CHECK(Result::Covered(*warn) == "revalidate_freq = 0s");
}

TEST_CASE("the php.opcache schema catches production mistakes", "[typecheck]") {
  CHECK_ERROR("php.opcache \"x\" on web1 { jit = \"trace\" }", "E0207");
  CHECK_CLEAN("php.opcache \"x\" on web1 { jit = \"1255\", jit_buffer_size = 64MiB }");
  CHECK_ERROR("php.opcache \"x\" on web1 { revalidate_freq = 1500ms }", "E0207");
  CHECK_ERROR("php.opcache \"x\" on web1 { file_cache_only = true }", "E0207");
  CHECK_ERROR("php.opcache \"x\" on web1 { jit_hot_loop = 256 }", "E0204");
  Result w;
  Evaluate(w, "php.opcache \"x\" on web1 { jit = \"tracing\" }");
  REQUIRE(w.Find("W0201"));
  CHECK(w.Find("W0201")->message.find("jit_buffer_size is 0B") != std::string::npos);
}

}  // namespace
}  // namespace kilter::compiler::testing

namespace kilter::compiler::testing {
namespace {

TEST_CASE("a check firing on resources with the same settings reports each", "[typecheck]") {
  Result r;
  Evaluate(r, "php.opcache \"a\" on web1 {\n revalidate_freq = 0s\n}\n"
              "php.opcache \"b\" on web2 {\n revalidate_freq = 0s\n}\n");
  INFO(r.Text());
  std::vector<uint32_t> lines;
  for (const Diagnostic& d : r.diags.all()) {
    if (d.code == "W0201") lines.push_back(d.span.file->Position(d.span.begin).line);
  }
  CHECK(lines == std::vector<uint32_t>{2, 5});
}

}  // namespace
}  // namespace kilter::compiler::testing
