#include "reconciler/providers/kit/cron_file.h"

#include <catch2/catch.hpp>

#include "reconciler/providers/kit/owned_file.h"

using namespace kilter::reconciler;

TEST_CASE("kit: a cron file runs its command on schedule, marked as the resource's") {
  std::string text = kit::RenderCronFile({"mysql.maintenance", "shop", "db1", "30 3 * * *", "root",
                                          "kilter maintenance job --name shop",
                                          "/var/log/kilter-maintenance-shop.log",
                                          {{"fields", "{}"}}});
  CHECK(text.find("\n30 3 * * * root kilter maintenance job --name shop >> "
                  "/var/log/kilter-maintenance-shop.log 2>&1\n") != std::string::npos);
  auto owned = kit::ReadOwned("/etc/cron.d/kilter-maintenance-shop", text, kit::Comment::kHash);
  REQUIRE(owned);
  CHECK(owned->type == "mysql.maintenance");
  CHECK(owned->intact);
  CHECK(owned->Record("fields") == "{}");
}
