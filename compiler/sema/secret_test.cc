#include <catch2/catch.hpp>

#include "compiler/lint/secret_lints.h"
#include "compiler/sema/codes.h"
#include "compiler/sema/sema_test_util.h"

namespace kilter::compiler::testing {
namespace {

/// The one `file "f"` resource of `text`, which must compile without errors.
const catalog::Resource& FileResource(Result& r, const std::string& text,
                                      std::map<std::string, std::string> others = {}) {
  Evaluate(r, text, std::move(others));
  INFO(r.Text());
  REQUIRE_FALSE(r.diags.has_errors());
  const EvaluatedResource* er = r.Resource("file \"f\" @ web1");
  REQUIRE(er);
  return er->resource;
}

TEST_CASE("env() makes a secret field: null in the fields, a reference, sensitive", "[secret]") {
  Result r;
  const catalog::Resource& res =
      FileResource(r, "file \"f\" on web1 {\n  path = \"/etc/t\"\n  content = env(\"TOKEN\")\n}\n");
  CHECK(res.fields["content"].is_null());
  REQUIRE(res.secrets.count("content") == 1);
  const catalog::Secret& s = res.secrets.at("content");
  REQUIRE(s.parts.size() == 1);
  CHECK(s.parts[0].source == "env");
  CHECK(s.parts[0].value == "TOKEN");
  CHECK(s.fingerprint.empty());
  CHECK(s.Describe() == "env(\"TOKEN\")");
  CHECK(res.sensitive == std::vector<std::string>{"content"});
  CHECK(res.fields["path"] == "/etc/t");
}

TEST_CASE("file() is relative to the spec that names it; interpolation keeps the text", "[secret]") {
  Result r;
  const catalog::Resource& res = FileResource(
      r, "import \"./conf/db.kilt\"\n",
      {{"conf/db.kilt",
        "let pass = file(\"../secrets/db.pass\")\n"
        "file \"f\" on web1 {\n  path = \"/etc/my.cnf\"\n"
        "  content = \"[client]\\npassword=${pass}\\nuser=${\"shop\"}\\n\"\n}\n"}});
  const catalog::Secret& s = res.secrets.at("content");
  REQUIRE(s.parts.size() == 3);
  CHECK(s.parts[0].source == "text");
  CHECK(s.parts[0].value == "[client]\npassword=");
  CHECK(s.parts[1].source == "file");
  CHECK(s.parts[1].value == "secrets/db.pass");
  CHECK(s.parts[2].value == "\nuser=shop\n");
  CHECK(s.Describe() == "\"[client]\\npassword=${file(\"secrets/db.pass\")}\\nuser=shop\\n\"");
}

TEST_CASE("a schema check that reads a secret is left out; the others still run", "[secret]") {
  // file's path must be absolute (an assert): unknown until the secret is read.
  CHECK_CLEAN("file \"f\" on web1 { path = env(\"P\") }");
  CHECK_ERROR("file \"f\" on web1 { path = \"rel\", content = env(\"C\") }", "E0207");
}

TEST_CASE("a secret goes only where a whole string may", "[secret]") {
  Result nested;
  Evaluate(nested, "backup.policy \"b\" on db1 {\n  source = { mysql = env(\"DB\") }\n"
                   "  repository = \"/r\"\n  password_file = \"/p\"\n  schedule = \"0 3 * * *\"\n}\n");
  INFO(nested.Text());
  const Diagnostic* d = nested.Find(codes::kTypeMismatch);
  REQUIRE(d);
  CHECK(d->hint == "a secret can only be the whole value of a string field of a resource");

  Result wrong_type;
  Evaluate(wrong_type, "php.opcache \"p\" on web1 { memory_consumption = env(\"M\") }");
  INFO(wrong_type.Text());
  REQUIRE(wrong_type.Find(codes::kTypeMismatch));
  CHECK(wrong_type.Find(codes::kTypeMismatch)->message ==
        "`memory_consumption`: expected a size like 128MiB, got a secret (env(\"M\"))");

  CHECK_ERROR("let x = env(\"A\") == \"b\"", codes::kOperandType);
  CHECK_ERROR("let x = env(\"1A\")", codes::kBadCall);
  CHECK_ERROR("let x = env(\"\")", codes::kBadCall);
  CHECK_ERROR("let x = file(env(\"A\"))", codes::kBadCall);
  CHECK_ERROR("let x = len(env(\"A\"))", codes::kBadCall);
}

TEST_CASE("W0202: a sensitive module parameter given a literal", "[secret]") {
  const std::string module =
      "module db(password: string sensitive) {\n"
      "  file \"f\" on web1 { path = \"/etc/p\", content = password }\n}\n";
  Result literal;
  Evaluate(literal, module + "use db \"a\" (password = \"hunter2\")\n");
  INFO(literal.Text());
  const Diagnostic* d = literal.Find(codes::kLiteralSecret);
  REQUIRE(d);
  CHECK(d->severity == Severity::kWarning);
  CHECK(Result::Covered(*d) == "\"hunter2\"");

  Result secret;
  Evaluate(secret, module + "use db \"a\" (password = env(\"DB_PASS\"))\n");
  INFO(secret.Text());
  CHECK(secret.diags.all().empty());
  const EvaluatedResource* er = secret.Resource("file \"a.f\" @ web1");
  REQUIRE(er);
  CHECK(er->resource.secrets.count("content") == 1);
}

TEST_CASE("W0202: a schema-sensitive field given a value from the specs", "[secret]") {
  SourceFile file("main.kilt", "x { password = \"hunter2\" }\n");
  EvaluatedResource literal;
  literal.resource.type = "x";
  literal.resource.name = "a";
  literal.resource.host = "web1";
  literal.resource.fields = {{"password", "hunter2"}, {"user", "shop"}};
  literal.resource.sensitive = {"password"};
  literal.field_spans["password"] = Span{&file, 4, 24};
  EvaluatedResource other_host = literal;
  other_host.resource.host = "web2";
  EvaluatedResource secret = literal;
  secret.resource.fields["password"] = nullptr;
  secret.resource.secrets["password"] = {{{"env", "P"}}, ""};
  secret.field_spans["password"] = Span{&file, 30, 40};

  Diagnostics diags;
  LintSecrets({literal, other_host, secret}, diags);
  REQUIRE(diags.all().size() == 1);  // once for both hosts, never for the secret
  CHECK(diags.all()[0].code == codes::kLiteralSecret);
  CHECK(diags.all()[0].message ==
        "`password` of x is sensitive, but its value is written in the specs: it sits in git "
        "and in every saved plan");
}

}  // namespace
}  // namespace kilter::compiler::testing
