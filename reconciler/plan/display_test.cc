#include "reconciler/plan/display.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {
namespace {

catalog::Resource Opcache() {
  catalog::Resource r;
  r.type = "php.opcache";
  r.name = "storefront";
  r.host = "web1";
  r.fields = {{"memory_consumption", 268435456}, {"revalidate_freq", 60000}, {"jit", "disable"},
              {"max_wasted_percentage", 5}};
  r.field_types = {{"memory_consumption", "size"}, {"revalidate_freq", "duration"}};
  r.field_units = {{"memory_consumption", "MiB"}, {"revalidate_freq", "s"}};
  r.defaulted = {"jit", "max_wasted_percentage"};
  return r;
}

TEST_CASE("display: sizes and durations in the unit the spec wrote", "[display]") {
  Change c = Change::Of(Opcache());
  c.kind = ChangeKind::kUpdate;
  c.fields = {{"memory_consumption", 134217728, 268435456},
              {"revalidate_freq", 2000, 60000},
              {"max_wasted_percentage", 10, 5}};
  Annotate(c, Opcache());
  CHECK(c.fields[0].before_display == "128MiB");
  CHECK(c.fields[0].after_display == "256MiB");
  CHECK(c.fields[1].before_display == "2s");
  CHECK(c.fields[1].after_display == "60s");
  // An int field hides no unit: shown as its JSON.
  CHECK(c.fields[2].before_display.empty());
  CHECK(c.fields[2].after_display.empty());
}

TEST_CASE("display: a value the unit cannot spell exactly takes the largest exact one",
          "[display]") {
  Change c = Change::Of(Opcache());
  c.fields = {{"memory_consumption", 1'500'000, 268435456}, {"revalidate_freq", nullptr, 60000}};
  Annotate(c, Opcache());
  CHECK(c.fields[0].before_display == "1500KB");
  CHECK(c.fields[1].before_display.empty());  // absent: rendered as absent, not as a unit
  CHECK(c.fields[1].after_display == "60s");
}

TEST_CASE("display: changes to schema defaults are marked, others and deletes are not",
          "[display]") {
  Change c = Change::Of(Opcache());
  c.fields = {{"jit", "off", "disable"},
              {"memory_consumption", 134217728, 268435456},
              {"max_wasted_percentage", 10, nullptr}};
  Annotate(c, Opcache());
  CHECK(c.fields[0].from_default);
  CHECK_FALSE(c.fields[1].from_default);
  CHECK_FALSE(c.fields[2].from_default);
}

TEST_CASE("display: a sensitive field gets no display text", "[display]") {
  catalog::Resource r = Opcache();
  Change c = Change::Of(r);
  c.fields = {{"memory_consumption", 134217728, 268435456, true}};
  Annotate(c, r);
  CHECK(c.fields[0].before_display.empty());
  CHECK(c.fields[0].after_display.empty());
}

}  // namespace
}  // namespace kilter::reconciler
