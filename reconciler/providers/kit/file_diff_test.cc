#include "reconciler/providers/kit/file_diff.h"

#include <string>

#include <catch2/catch.hpp>

namespace kilter::reconciler::kit {

TEST_CASE("UnifiedDiff of equal texts is empty", "[kit]") {
  CHECK(UnifiedDiff("a\nb\n", "a\nb\n", "x", "x").empty());
}

TEST_CASE("UnifiedDiff shows one changed line with context", "[kit]") {
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  CHECK(UnifiedDiff(before, after, "a/f", "b/f") ==
        "--- a/f\n+++ b/f\n"
        "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("UnifiedDiff of a new file numbers the empty range 0,0", "[kit]") {
  CHECK(UnifiedDiff("", "a\nb\n", "/dev/null", "f") ==
        "--- /dev/null\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
}

TEST_CASE("UnifiedDiff splits far-apart changes into hunks", "[kit]") {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  CHECK(UnifiedDiff(before, after, "a", "b") ==
        "--- a\n+++ b\n"
        "@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
        "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n");
}

TEST_CASE("UnifiedDiff marks a missing final newline", "[kit]") {
  CHECK(UnifiedDiff("a\n", "a", "a", "b") ==
        "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n");
}

TEST_CASE("UnifiedDiff handles insertions and deletions in the middle", "[kit]") {
  CHECK(UnifiedDiff("a\nb\nc\n", "a\nc\nd\n", "x", "y") ==
        "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n c\n+d\n");
}

TEST_CASE("UnifiedDiff of very different large texts still completes", "[kit]") {
  std::string before, after;
  for (int i = 0; i < 5000; ++i) {
    before += "old " + std::to_string(i) + "\n";
    after += "new " + std::to_string(i) + "\n";
  }
  std::string diff = UnifiedDiff(before, after, "a", "b");
  CHECK(diff.rfind("--- a\n+++ b\n@@ -1,5000 +1,5000 @@\n-old 0\n", 0) == 0);
}

TEST_CASE("kit: FileDiff labels an absent side /dev/null", "[kit]") {
  CHECK(FileDiff("/etc/x", std::nullopt, "a\n") ==
        "--- /dev/null\n+++ /etc/x\n@@ -0,0 +1 @@\n+a\n");
  CHECK(FileDiff("/etc/x", "a\n", std::nullopt) ==
        "--- /etc/x\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n");
  CHECK(FileDiff("/etc/x", "a\nb\n", "a\nc\n") ==
        "--- /etc/x\n+++ /etc/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
  CHECK(FileDiff("/etc/x", "same\n", "same\n").empty());
}

}  // namespace kilter::reconciler::kit
