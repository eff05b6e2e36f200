#include "reconciler/providers/mysql_index/import.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler::mysql {

namespace {

LiveIndex Index(const std::string& name, std::vector<KeyPart> parts, const std::string& owner = "") {
  LiveIndex i;
  i.def.name = name;
  i.def.parts = std::move(parts);
  i.owner = owner;
  return i;
}

LiveSchema Schema() {
  LiveSchema s;
  s.databases = {"shop"};
  LiveTable t{"shop", "oc_product", "InnoDB", 10, {}, {}, {}};
  t.indexes.push_back(Index("PRIMARY", {{"product_id", 0, false}}));
  LiveIndex model = Index("model", {{"model", 32, false}, {"date_added", 0, true}});
  model.def.comment = "admin \"list\"";
  t.indexes.push_back(model);
  LiveIndex status = Index("shop_status", {{"status", 0, false}}, "shop.status");
  status.def.unique = true;
  status.def.ignored = true;
  t.indexes.push_back(status);
  LiveIndex hashed = Index("h", {{"sku", 0, false}});
  hashed.def.type = "HASH";
  t.indexes.push_back(hashed);
  s.tables["shop.oc_product"] = t;
  s.tables["shop.oc_order"] = {"shop", "oc_order", "InnoDB", 1, {}, {Index("total", {{"total", 0, false}})}, {}};
  return s;
}

}  // namespace

TEST_CASE("mysql.index import: secondary indexes, PRIMARY and HASH left out", "[mysql][import]") {
  ImportRequest request{"mysql.index", {{"database", {"shop"}}, {"table", {"oc_product"}}}, std::nullopt};
  kit::SpecFile file = ImportedIndexes("db1", Schema(), request, {});
  REQUIRE(file.resources.size() == 2);
  CHECK(file.notes ==
        "not imported: shop.oc_product index h: a HASH index, which mysql.index cannot declare\n");
  CHECK(kit::RenderSpec("", {file.resources, ""}) ==
        "\nmysql.index \"oc_product.model\" on db1 {\n"
        "  database = \"shop\"\n"
        "  table = \"oc_product\"\n"
        "  name = \"model\"\n"
        "  columns = [\"model(32)\", \"date_added DESC\"]\n"
        "  comment = \"admin \\\"list\\\"\"\n"
        "}\n"
        "\n# created by kilter for shop.status\n"
        "mysql.index \"shop.status\" on db1 {\n"
        "  database = \"shop\"\n"
        "  table = \"oc_product\"\n"
        "  name = \"shop_status\"\n"
        "  columns = [\"status\"]\n"
        "  unique = true\n"
        "  ignored = true\n"
        "}\n");
}

TEST_CASE("mysql.index import: declared indexes are left out; unknown tables are notes",
          "[mysql][import]") {
  ImportRequest request{"mysql.index", {{"database", {"shop"}}, {"table", {"oc_order", "oc_nope"}}}, std::nullopt};
  kit::SpecFile file = ImportedIndexes("db1", Schema(), request, {"shop.oc_order.total"});
  CHECK(file.resources.empty());
  CHECK(file.notes == "not imported: no table oc_nope in the databases read\n");
}

}  // namespace kilter::reconciler::mysql
