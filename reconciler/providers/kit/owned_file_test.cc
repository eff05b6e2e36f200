#include "reconciler/providers/kit/owned_file.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/kit/digest.h"

namespace kilter::reconciler::kit {

namespace {

FileToOwn Conf() {
  return {"bluegreen.service",
          "storefront",
          "lb",
          Comment::kHash,
          "",
          {{"active", "blue"}},
          "upstream storefront {\n    server 127.0.0.1:18081;\n}\n"};
}

FileToOwn Ini() {
  return {"php.opcache",
          "shop",
          "web1",
          Comment::kSemicolon,
          "",
          {},
          "opcache.enable=1\nopcache.memory_consumption=256\n"};
}

// Files as the version before the kit wrote them: the same mark, sealed with
// 16 hex digits of FNV-1a (of header and body; of the body alone for ini).
const std::string kOldConf =
    "# Managed by kilter: bluegreen.service \"storefront\" @ lb. Changes made "
    "here are drift.\n"
    "# kilter-active: blue\n"
    "# kilter-fingerprint: e2008af657a1a907\n"
    "upstream storefront {\n    server 127.0.0.1:18081;\n}\n";
const std::string kOldIni =
    "; Managed by kilter: php.opcache \"shop\" @ web1. Changes made here are "
    "drift.\n"
    "; kilter-fingerprint: 437ec0bd775f18ef\n"
    "opcache.enable=1\nopcache.memory_consumption=256\n";

}  // namespace

TEST_CASE("kit: a '#' mark names the resource, keeps records, and is sealed", "[kit]") {
  std::string text = Render(Conf());
  CHECK(text.rfind("# Managed by kilter: bluegreen.service \"storefront\" @ "
                   "lb. Changes made here "
                   "are drift.\n# kilter-active: blue\n# kilter-fingerprint: ",
                   0) == 0);
  std::string rest = text;
  rest.erase(rest.find("# kilter-fingerprint: "), 22 + 64 + 1);
  CHECK(text.find("# kilter-fingerprint: " + Sha256Hex(rest) + "\n") != std::string::npos);

  auto file = ReadOwned("/etc/nginx/conf.d/kilter-storefront.conf", text, Comment::kHash);
  REQUIRE(file);
  CHECK(file->type == "bluegreen.service");
  CHECK(file->name == "storefront");
  CHECK(file->host == "lb");
  CHECK(file->intact);
  CHECK(file->Record("active") == "blue");
  CHECK(file->Record("missing").empty());
  CHECK(file->Is(text));
}

TEST_CASE("kit: a ';' mark for ini files, found by its prefix", "[kit]") {
  std::string text = Render(Ini());
  CHECK(MarkPrefix(Comment::kSemicolon, "php.opcache") == "; Managed by kilter: php.opcache ");
  CHECK(text.rfind(MarkPrefix(Comment::kSemicolon, "php.opcache") + "\"shop\" @ web1.", 0) == 0);
  CHECK(text.find("\n; kilter-fingerprint: ") != std::string::npos);
  auto file = ReadOwned("/x/90-kilter-shop.ini", text, Comment::kSemicolon);
  REQUIRE(file);
  CHECK(file->intact);
  CHECK(file->name == "shop");
  // Each file kind is read in its own syntax only.
  CHECK_FALSE(ReadOwned("/x/90-kilter-shop.ini", text, Comment::kHash));
  CHECK_FALSE(ReadOwned("/x/a.conf", Render(Conf()), Comment::kSemicolon));
}

TEST_CASE("kit: the mark follows a #! line, nowhere else", "[kit]") {
  FileToOwn job = Conf();
  job.shebang = "#!/bin/bash";
  std::string text = Render(job);
  CHECK(text.rfind("#!/bin/bash\n# Managed by kilter: ", 0) == 0);
  auto file = ReadOwned("/j.sh", text, Comment::kHash);
  REQUIRE(file);
  CHECK(file->intact);
  CHECK(file->Record("active") == "blue");
  CHECK_FALSE(ReadOwned("/j.sh", "x\ny\n" + Render(Conf()), Comment::kHash));
  CHECK_FALSE(ReadOwned("/j.sh", "# Managed by kilter: but not our sentence\n", Comment::kHash));
  CHECK_FALSE(ReadOwned("/j.sh", "", Comment::kHash));
  CHECK_FALSE(ReadOwned("/j.sh", "zend_extension=opcache.so\n", Comment::kSemicolon));
}

TEST_CASE("kit: an edit anywhere but the mark breaks the seal, not the ownership", "[kit]") {
  std::string text = Render(Conf());
  std::string edits[] = {
      text + "upstream extra {}\n",
      std::string(text).replace(text.find("18081"), 5, "18082"),
      std::string(text).replace(text.find("active: blue"), 12, "active: gren"),
      std::string(text).replace(text.find("fingerprint: ") + 13, 1, "x"),
  };
  for (const std::string& edited : edits) {
    auto file = ReadOwned("/a.conf", edited, Comment::kHash);
    REQUIRE(file);
    CHECK(file->name == "storefront");
    CHECK_FALSE(file->intact);
    CHECK_FALSE(file->Is(text));
  }
  // A file with the mark but no seal is kilter's, edited.
  auto unsealed =
      ReadOwned("/a.conf", "# Managed by kilter: t \"n\" @ h. Changes made here are drift.\nx\n",
                Comment::kHash);
  REQUIRE(unsealed);
  CHECK_FALSE(unsealed->intact);
}

TEST_CASE("kit: files sealed by the version before stay kilter's, intact and current", "[kit]") {
  auto conf = ReadOwned("/a.conf", kOldConf, Comment::kHash);
  REQUIRE(conf);
  CHECK(conf->intact);
  CHECK(conf->Record("active") == "blue");
  CHECK(conf->Is(Render(Conf())));

  auto ini = ReadOwned("/a.ini", kOldIni, Comment::kSemicolon);
  REQUIRE(ini);
  CHECK(ini->name == "shop");
  CHECK(ini->intact);
  CHECK(ini->Is(Render(Ini())));

  FileToOwn moved = Ini();
  moved.body = "opcache.enable=0\n";
  CHECK_FALSE(ini->Is(Render(moved)));
  std::string edited = kOldIni + "opcache.jit=off\n";
  CHECK_FALSE(ReadOwned("/a.ini", edited, Comment::kSemicolon)->intact);
}

TEST_CASE("kit: any name survives the mark", "[kit]") {
  FileToOwn odd = Ini();
  odd.name = "a\" @ b\\c";
  auto file = ReadOwned("/a.ini", Render(odd), Comment::kSemicolon);
  REQUIRE(file);
  CHECK(file->name == "a\" @ b\\c");
  CHECK(file->host == "web1");
  CHECK(file->intact);
}

TEST_CASE(
    "kit: owned files the specs no longer declare become one delete per "
    "resource",
    "[kit]") {
  auto own = [](const std::string& path, FileToOwn f) {
    return *ReadOwned(path, Render(f), f.comment);
  };
  FileToOwn gone = Conf();
  gone.name = "checkout";
  FileToOwn elsewhere = Conf();
  elsewhere.name = "cloned";
  elsewhere.host = "lb2";
  FileToOwn other_type = Conf();
  other_type.type = "backup.policy";
  other_type.name = "db";
  std::vector<OwnedFile> owned = {
      own("/c/kilter-storefront.conf", Conf()), own("/c/kilter-checkout.conf", gone),
      own("/c/kilter-checkout-old.conf", gone), own("/c/kilter-cloned.conf", elsewhere),
      own("/c/kilter-db", other_type)};
  std::vector<Change> deletes = DeletesOfUndeclared(
      owned, "bluegreen.service", "lb", [](const OwnedFile& f) { return f.name == "storefront"; },
      "no longer declared");
  REQUIRE(deletes.size() == 1);
  const Change& c = deletes[0];
  CHECK(c.Address() == "bluegreen.service \"checkout\" @ lb");
  CHECK(c.kind == ChangeKind::kDelete);
  CHECK(c.cause == DriftCause::kSpecChanged);
  CHECK(c.reasons == std::vector<std::string>{"no longer declared"});
  CHECK(c.live["files"].size() == 2);
  CHECK(c.live["files"]["/c/kilter-checkout.conf"] == Render(gone));
  REQUIRE(c.actions.size() == 2);
  CHECK(c.actions[0].summary == "remove /c/kilter-checkout.conf");
  CHECK(c.actions[0].detail.rfind("--- /c/kilter-checkout.conf\n+++ /dev/null\n@@ -1,", 0) == 0);
}

}  // namespace kilter::reconciler::kit

namespace kilter::reconciler::kit {

TEST_CASE("kit: why an owned file must be written, in the words every type uses",
          "[kit][owned_file]") {
  CHECK(WhyWrite("/etc/a.conf", false, false) == "/etc/a.conf does not exist");
  CHECK(WhyWrite("/etc/a.conf", true, true) ==
        "/etc/a.conf holds what kilter wrote for older specs");
  CHECK(WhyWrite("/etc/a.conf", true, false) == "/etc/a.conf was edited on the host");
}

TEST_CASE("kit: the cause and the field lines of an owned file, from its fields record",
          "[kit][owned_file]") {
  FileToOwn file{"nginx.upstream", "shop", "lb", Comment::kHash, "",
                 {{"fields", R"({"keepalive":32,"balance":"round_robin"})"}}, "upstream shop {}\n"};
  std::string text = Render(file);
  std::optional<OwnedFile> intact = ReadOwned("/c/a.conf", text, Comment::kHash);
  std::optional<OwnedFile> edited = ReadOwned("/c/a.conf", text + "# by hand\n", Comment::kHash);
  CHECK(CauseOf(false, std::nullopt) == DriftCause::kMissing);
  CHECK(CauseOf(true, intact) == DriftCause::kSpecChanged);
  CHECK(CauseOf(true, edited) == DriftCause::kLiveChanged);
  CHECK(CauseOf(true, std::nullopt) == DriftCause::kLiveChanged);

  nlohmann::json now = {{"keepalive", 64}, {"balance", "round_robin"}, {"drain_timeout", 30000}};
  std::vector<FieldChange> changed = FieldsSinceRecorded(intact, true, now);
  REQUIRE(changed.size() == 2);
  CHECK(changed[0].field == "drain_timeout");  // json objects iterate in key order
  CHECK(changed[0].before.is_null());
  CHECK(changed[1].field == "keepalive");
  CHECK(changed[1].before == 32);
  CHECK(FieldsSinceRecorded(intact, false, now).size() == 3);  // a missing file: every field
  CHECK(FieldsSinceRecorded(std::nullopt, true, now).size() == 3);
}

}  // namespace kilter::reconciler::kit
