#include "reconciler/secrets/resolve.h"

#include <catch2/catch.hpp>

#include <map>

namespace kilter::reconciler {
namespace {

/// Variables and files from maps; counts the reads.
class FakeReader : public SecretReader {
 public:
  std::map<std::string, std::string> env, files;
  mutable int reads = 0;

  std::optional<std::string> Env(const std::string& name) const override {
    ++reads;
    auto it = env.find(name);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  std::optional<std::string> File(const std::string& path, std::string& error) const override {
    ++reads;
    auto it = files.find(path);
    if (it == files.end()) {
      error = "No such file or directory";
      return std::nullopt;
    }
    return it->second;
  }
};

/// `file "db.cnf" @ HOST` whose content is "[client]\npassword=${file("db.pass")}\n" and whose
/// `token` is env("TOKEN").
catalog::Resource Cnf(const std::string& host) {
  catalog::Resource r;
  r.type = "file";
  r.name = "db.cnf";
  r.host = host;
  r.fields = {{"path", "/etc/db.cnf"}, {"content", nullptr}, {"token", nullptr}};
  r.sensitive = {"content", "token"};
  r.secrets["content"] = {{{"text", "[client]\npassword="}, {"file", "db.pass"}, {"text", "\n"}},
                          ""};
  r.secrets["token"] = {{{"env", "TOKEN"}}, ""};
  r.source = {"app.kilt", 3, 1};
  return r;
}

struct Fixture {
  FakeReader reader;
  SecretKey key{"sixteen bytes at least"};
  catalog::Catalog catalog;

  Fixture() {
    reader.env["TOKEN"] = "t0ken";
    reader.files["db.pass"] = "hunter2";
    catalog.resources = {Cnf("db1"), Cnf("db2")};
  }
};

TEST_CASE("secrets: plan reads each reference once and records keyed fingerprints",
          "[secrets]") {
  Fixture f;
  CHECK(HasSecrets(f.catalog));
  REQUIRE(ResolveSecrets(f.catalog, f.reader, f.key, SecretMode::kRecord).empty());
  CHECK(f.reader.reads == 2);  // two references, two hosts
  const catalog::Resource& db1 = f.catalog.resources[0];
  CHECK(db1.fields["content"] == "[client]\npassword=hunter2\n");
  CHECK(db1.fields["token"] == "t0ken");
  const std::string& fp = db1.secrets.at("token").fingerprint;
  CHECK(fp.starts_with("hmac-sha256:" + f.key.id() + ":"));
  // Bound to where the secret goes: the same value elsewhere looks unrelated.
  CHECK(f.catalog.resources[1].secrets.at("token").fingerprint != fp);
  // Every JSON form keeps the value out.
  std::string json = catalog::ToJson(f.catalog).dump();
  CHECK(json.find("hunter2") == std::string::npos);
  CHECK(json.find("t0ken") == std::string::npos);
}

TEST_CASE("secrets: apply of a saved plan reads them again and refuses a changed one",
          "[secrets]") {
  Fixture f;
  REQUIRE(ResolveSecrets(f.catalog, f.reader, f.key, SecretMode::kRecord).empty());
  catalog::Catalog saved = catalog::FromJson(catalog::ToJson(f.catalog));
  CHECK(saved.resources[0].fields["token"].is_null());

  catalog::Catalog same = saved;
  REQUIRE(ResolveSecrets(same, f.reader, f.key, SecretMode::kVerify).empty());
  CHECK(same.resources[1].fields["content"] == "[client]\npassword=hunter2\n");

  f.reader.files["db.pass"] = "changed";
  catalog::Catalog moved = saved;
  std::vector<std::string> errors = ResolveSecrets(moved, f.reader, f.key, SecretMode::kVerify);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] ==
        "app.kilt:3:1: file \"db.cnf\" @ db1: content: "
        "\"[client]\\npassword=${file(\"db.pass\")}\\n\" has changed since the plan was made: plan "
        "again");

  catalog::Catalog other_key = saved;
  f.reader.files["db.pass"] = "hunter2";
  SecretKey other("another key, also long");
  errors = ResolveSecrets(other_key, f.reader, other, SecretMode::kVerify);
  REQUIRE(errors.size() == 1);  // said once, not per field
  CHECK_THAT(errors[0], Catch::StartsWith("the plan's secrets were fingerprinted with another key (" +
                                          f.key.id() + "; this controller's key is " + other.id()));
}

TEST_CASE("secrets: a reference that cannot be read is an error naming the spec", "[secrets]") {
  Fixture f;
  f.reader.env.clear();
  f.reader.files.clear();
  std::vector<std::string> errors =
      ResolveSecrets(f.catalog, f.reader, f.key, SecretMode::kRecord);
  REQUIRE(errors.size() == 4);
  CHECK(errors[0] ==
        "app.kilt:3:1: file \"db.cnf\" @ db1: content: "
        "\"[client]\\npassword=${file(\"db.pass\")}\\n\": cannot read db.pass: No such file or "
        "directory");
  CHECK(errors[1] ==
        "app.kilt:3:1: file \"db.cnf\" @ db1: token: env(\"TOKEN\"): the environment variable "
        "TOKEN is not set");

  f.reader.env["TOKEN"] = "";
  f.reader.files["db.pass"] = "x";
  errors = ResolveSecrets(f.catalog, f.reader, f.key, SecretMode::kRecord);
  REQUIRE(errors.size() == 2);
  CHECK_THAT(errors[0], Catch::EndsWith("the environment variable TOKEN is empty"));
}

}  // namespace
}  // namespace kilter::reconciler
