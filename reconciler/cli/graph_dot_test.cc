#include "reconciler/cli/graph_dot.h"

#include <catch2/catch.hpp>

namespace kilter::cli {

TEST_CASE("GraphDot clusters by host and draws after-edges first to last", "[cli]") {
  catalog::Catalog c;
  catalog::Resource index;
  index.type = "mysql.index";
  index.name = "oc_product_date";
  index.host = "db1";
  catalog::Resource opcache;
  opcache.type = "php.opcache";
  opcache.name = "shop";
  opcache.host = "web1";
  opcache.after = {index.Address()};
  catalog::Resource rule;
  rule.type = "firewall.rule";
  rule.name = "a\\b";
  rule.host = "web1";
  c.resources = {opcache, index, rule};
  CHECK(GraphDot(c) ==
        "digraph kilter {\n"
        "  rankdir=LR;\n"
        "  node [shape=box, fontname=\"monospace\"];\n"
        "  subgraph cluster_0 {\n"
        "    label=\"db1\";\n"
        "    \"mysql.index \\\"oc_product_date\\\" @ db1\" [label=\"mysql.index "
        "\\\"oc_product_date\\\"\"];\n"
        "  }\n"
        "  subgraph cluster_1 {\n"
        "    label=\"web1\";\n"
        "    \"php.opcache \\\"shop\\\" @ web1\" [label=\"php.opcache \\\"shop\\\"\"];\n"
        "    \"firewall.rule \\\"a\\\\b\\\" @ web1\" [label=\"firewall.rule \\\"a\\\\b\\\"\"];\n"
        "  }\n"
        "  \"mysql.index \\\"oc_product_date\\\" @ db1\" -> \"php.opcache \\\"shop\\\" @ web1\";\n"
        "}\n");
}

TEST_CASE("GraphDot of an empty catalog is an empty graph", "[cli]") {
  CHECK(GraphDot({}) ==
        "digraph kilter {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n}\n");
}

}  // namespace kilter::cli
