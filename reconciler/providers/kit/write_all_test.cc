#include "reconciler/providers/kit/write_all.h"

#include <catch2/catch.hpp>

#include "support/fake_transport.h"

namespace kilter::reconciler::kit {

namespace {

/// A host where writing `broken` fails, and so does removing `stuck`.
class Flaky : public testing::FakeTransport {
 public:
  using FakeTransport::FakeTransport;
  std::string broken, stuck;
  void WriteFile(const std::string& path, const std::string& content,
                 const WriteOptions& options) override {
    if (path == broken) throw TransportError(host(), "cannot write " + path + ": disk full");
    FakeTransport::WriteFile(path, content, options);
  }
  void Remove(const std::string& path) override {
    if (path == stuck) throw TransportError(host(), "cannot remove " + path + ": busy");
    FakeTransport::Remove(path);
  }
};

}  // namespace

TEST_CASE("kit: WriteAll writes and removes every file", "[kit][write_all]") {
  Flaky t("h");
  t.files()["/e/old"] = "old";
  WriteAll(t, {{"/e/a", "A", std::nullopt}, {"/e/old", std::nullopt, "old"}});
  CHECK(t.files().at("/e/a") == "A");
  CHECK(t.files().count("/e/old") == 0);
}

TEST_CASE("kit: WriteAll puts back what it did when a write fails", "[kit][write_all]") {
  Flaky t("h");
  t.files()["/e/b"] = "b before";
  t.broken = "/e/c";
  CHECK_THROWS_WITH(WriteAll(t, {{"/e/a", "A", std::nullopt},
                                 {"/e/b", "B", "b before"},
                                 {"/e/c", "C", std::nullopt}}),
                    Catch::Contains("cannot write /e/c: disk full"));
  CHECK(t.files().count("/e/a") == 0);
  CHECK(t.files().at("/e/b") == "b before");

  Flaky u("h");
  u.broken = "/e/c";
  u.stuck = "/e/a";
  CHECK_THROWS_WITH(WriteAll(u, {{"/e/a", "A", std::nullopt}, {"/e/c", "C", std::nullopt}}),
                    Catch::Contains("could not put back /e/a") && Catch::Contains("busy"));
}

TEST_CASE("kit: WriteAllChecked keeps the files when the check passes", "[kit][write_all]") {
  Flaky t("h");
  t.files()["/e/b"] = "b before";
  std::string seen;
  WriteAllChecked(t, {{"/e/a", "A", std::nullopt}, {"/e/b", "B", "b before"}}, 0644,
                  [&] { seen = t.files().at("/e/a") + t.files().at("/e/b"); });
  CHECK(seen == "AB");
  CHECK(t.files().at("/e/b") == "B");
}

TEST_CASE("kit: WriteAllChecked puts every file back when the check fails", "[kit][write_all]") {
  Flaky t("h");
  t.files()["/e/b"] = "b before";
  CHECK_THROWS_WITH(
      WriteAllChecked(t, {{"/e/a", "A", std::nullopt}, {"/e/b", "B", "b before"}}, 0644,
                      [] { throw std::runtime_error("unknown variable 'x=1'"); }),
      "unknown variable 'x=1'; the files were put back");
  CHECK(t.files().count("/e/a") == 0);
  CHECK(t.files().at("/e/b") == "b before");

  Flaky u("h");
  u.stuck = "/e/a";
  CHECK_THROWS_WITH(WriteAllChecked(u, {{"/e/a", "A", std::nullopt}}, 0644,
                                    [] { throw std::runtime_error("bad"); }),
                    Catch::Contains("bad; putting the files back failed") &&
                        Catch::Contains("busy"));
}

}  // namespace kilter::reconciler::kit
