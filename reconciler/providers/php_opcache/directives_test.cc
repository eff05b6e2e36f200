#include "reconciler/providers/php_opcache/directives.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::php_opcache {

using nlohmann::json;

TEST_CASE("php.opcache values are rendered in the units PHP reads", "[php_opcache]") {
  CHECK(RenderIni({"memory_consumption", "size"}, 256 * 1024 * 1024) == "256");
  CHECK(RenderIni({"interned_strings_buffer", "size"}, 16 * 1024 * 1024) == "16");
  CHECK(RenderIni({"revalidate_freq", "duration"}, 0) == "0");
  CHECK(RenderIni({"revalidate_freq", "duration"}, 60000) == "60");
  CHECK(RenderIni({"jit_buffer_size", "size"}, 64 * 1024 * 1024) == "64M");
  CHECK(RenderIni({"jit_buffer_size", "size"}, 2LL * 1024 * 1024 * 1024) == "2G");
  CHECK(RenderIni({"max_file_size", "size"}, 1000) == "1000");
  CHECK(RenderIni("validate_timestamps", false) == "0");
  CHECK(RenderIni("enable", true) == "1");
  CHECK(RenderIni("max_accelerated_files", 20000) == "20000");
  CHECK(RenderIni("jit", "tracing") == "\"tracing\"");
  CHECK(RenderIni("jit", 1255) == "1255");
  CHECK(RenderIni("preload", "") == "\"\"");
  CHECK(RenderIni("jit_prof_threshold", 0.005) == "0.005");
}

TEST_CASE("php.opcache values PHP cannot express are refused", "[php_opcache]") {
  CHECK_THROWS_WITH(RenderIni({"memory_consumption", "size"}, 256 * 1024 * 1024 + 1),
                    Catch::Contains("whole megabytes"));
  CHECK_THROWS_WITH(RenderIni({"revalidate_freq", "duration"}, 1500), Catch::Contains("whole seconds"));
  CHECK_THROWS_WITH(RenderIni("preload", "/srv/a\"b.php"), Catch::Contains("preload"));
  CHECK_THROWS_WITH(RenderIni("preload", "/srv/${x}.php"), Catch::Contains("cannot be written"));
}

TEST_CASE("php.opcache live values come back in catalog units", "[php_opcache]") {
  CHECK(NormalizeLive({"memory_consumption", "size"}, 0, "128") == json(128 * 1024 * 1024));
  CHECK(NormalizeLive({"revalidate_freq", "duration"}, 0, "2") == json(2000));
  CHECK(NormalizeLive({"jit_buffer_size", "size"}, 0, "64M") == json(64 * 1024 * 1024));
  CHECK(NormalizeLive({"jit_buffer_size", "size"}, 0, "0") == json(0));
  CHECK(NormalizeLive("validate_timestamps", true, "") == json(false));
  CHECK(NormalizeLive("validate_timestamps", true, "On") == json(true));
  CHECK(NormalizeLive("enable", true, "1") == json(true));
  CHECK(NormalizeLive("file_cache", "", nullptr) == json(""));
  CHECK(NormalizeLive("max_accelerated_files", 0, "10000") == json(10000));
  CHECK(NormalizeLive("jit_prof_threshold", 0.5, "0.005") == json(0.005));
  CHECK(NormalizeLive("optimization_level", 0, "0x7FFEBFFF") == json(2147401727));
  CHECK(NormalizeLive("optimization_level", 0, "0b101") == json(5));
  CHECK(NormalizeLive("optimization_level", 0, "0o17") == json(15));
  CHECK(NormalizeLive("optimization_level", 0, "017") == json(15));
  CHECK(NormalizeLive("max_accelerated_files", 0, "0") == json(0));
  CHECK(RenderIni("optimization_level", 2147401727) == "2147401727");
}

TEST_CASE("php.opcache jit modes compare by meaning", "[php_opcache]") {
  // PHP's ini parser turns an unquoted off into "", and on into "1".
  CHECK(NormalizeLive("jit", "off", "") == Canonical("jit", "off"));
  CHECK(NormalizeLive("jit", "on", "1") == Canonical("jit", "tracing"));
  CHECK(NormalizeLive("jit", "disable", "disable") == Canonical("jit", "disable"));
  CHECK(NormalizeLive("jit", "function", "tracing") != Canonical("jit", "function"));
  CHECK(NormalizeLive("jit", 1255, "1255") == Canonical("jit", 1255));
}

TEST_CASE("php.opcache fields take their kind from the catalog's type, else from their value",
          "[php_opcache]") {
  catalog::Resource r;
  r.field_types = {{"memory_consumption", "size"}, {"file_update_protection", "duration"}};
  CHECK(KindOf(FieldOf(r, "memory_consumption"), 0) == DirectiveKind::kMegabytes);
  CHECK(KindOf(FieldOf(r, "file_update_protection"), 0) == DirectiveKind::kSeconds);
  CHECK(KindOf(FieldOf(r, "jit"), "tracing") == DirectiveKind::kJit);
  CHECK(KindOf(FieldOf(r, "max_accelerated_files"), 10000) == DirectiveKind::kInt);
  CHECK(RenderIni("some_future_flag", true) == "1");
  CHECK(RenderIni("some_future_count", 7) == "7");
  CHECK(RenderIni("some_future_path", "/x") == "\"/x\"");
  CHECK(DirectiveName("jit") == "opcache.jit");
}

}  // namespace kilter::reconciler::php_opcache
