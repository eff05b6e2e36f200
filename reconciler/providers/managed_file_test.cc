#include "reconciler/providers/managed_file.h"

#include <catch2/catch.hpp>

using namespace kilter::reconciler;

TEST_CASE("managed file: sealed by kilter, recognised, and edits detected") {
  std::string file = Seal(MarkLine("x.y \"a\" @ h") + "\n# kilter-active: blue\n", "body\n");
  CHECK(file.rfind("# Managed by kilter: x.y \"a\" @ h. Changes made here are drift.\n", 0) == 0);
  CHECK(WrittenByKilter(file));
  CHECK(MarkedAddress(file) == "x.y \"a\" @ h");
  CHECK(HeaderValue(file, "active") == "blue");
  CHECK(HeaderValue(file, "missing").empty());
  std::string edited = file + "more\n";
  CHECK_FALSE(WrittenByKilter(edited));
  CHECK(MarkedAddress(edited) == "x.y \"a\" @ h");  // still kilter's, but changed
}

TEST_CASE("managed file: the mark may follow a #! line, nowhere else") {
  CHECK(MarkedAddress("#!/bin/sh\n" + MarkLine("t \"n\" @ h") + "\n") == "t \"n\" @ h");
  CHECK(MarkedAddress("x\ny\n" + MarkLine("t \"n\" @ h") + "\n").empty());
  CHECK(MarkedAddress("# Managed by kilter: but not our sentence\n").empty());
  CHECK_FALSE(WrittenByKilter("no header at all\n"));
}

TEST_CASE("managed file: the name in an address of a given type and host") {
  CHECK(NameInAddress("backup.policy \"db\" @ db1", "backup.policy", "db1") == "db");
  CHECK(NameInAddress("backup.policy \"db\" @ db2", "backup.policy", "db1").empty());
  CHECK(NameInAddress("bluegreen.service \"db\" @ db1", "backup.policy", "db1").empty());
  CHECK(Fingerprint("") == "cbf29ce484222325");
}
