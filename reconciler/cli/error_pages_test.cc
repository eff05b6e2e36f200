#include "reconciler/cli/error_pages.h"

#include <catch2/catch.hpp>

namespace kilter::cli {

TEST_CASE("Error pages are embedded, found by code in any case, titled", "[cli]") {
  REQUIRE_FALSE(docs::ErrorDocs().empty());
  const docs::ErrorDoc* page = FindErrorPage("e0402");
  REQUIRE(page != nullptr);
  CHECK(page->code == "E0402");
  CHECK(page->text.substr(0, 8) == "# E0402:");
  CHECK(PageTitle(*page) == "unknown key in the inventory");
  CHECK(FindErrorPage("E9999") == nullptr);
  CHECK(PageTitles().at("E0401") == "the inventory is not valid TOML");
}

TEST_CASE("Every error page starts with its code and a title", "[cli]") {
  for (const docs::ErrorDoc& page : docs::ErrorDocs()) {
    INFO(page.code);
    CHECK(page.text.substr(0, 2 + page.code.size() + 2) == "# " + std::string(page.code) + ": ");
    CHECK_FALSE(PageTitle(page).empty());
  }
}

}  // namespace kilter::cli
