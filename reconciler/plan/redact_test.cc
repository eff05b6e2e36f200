#include "reconciler/plan/redact.h"

#include <catch2/catch.hpp>

namespace kilter::reconciler {

TEST_CASE("Redact replaces sensitive field values everywhere they appear", "[redact]") {
  Change c;
  c.type = "mysql.user";
  c.name = "shop";
  c.host = "db1";
  c.kind = ChangeKind::kUpdate;
  c.fields = {{"password", "old-secret", "new-secret", false}, {"host", "%", "10.0.0.%", false}};
  c.actions = {{"sql", "ALTER USER shop IDENTIFIED BY 'new-secret'",
                "ALTER USER 'shop'@'%' IDENTIFIED BY 'new-secret';"}};
  c.reasons = {"password is old-secret on the host"};
  c.desired = {{"password", "new-secret"}, {"host", "10.0.0.%"}};
  c.live = {{"password", "old-secret"}, {"host", "%"}};
  Redact(c, {"password"});
  CHECK(c.fields[0].sensitive);
  CHECK(c.fields[0].before == kRedacted);
  CHECK(c.fields[0].after == kRedacted);
  CHECK(c.fields[1].after == "10.0.0.%");
  CHECK(c.actions[0].summary == "ALTER USER shop IDENTIFIED BY '(sensitive)'");
  CHECK(c.actions[0].detail == "(hidden: contains a sensitive value)");
  CHECK(c.reasons[0] == "password is (sensitive) on the host");
  CHECK(c.desired["password"] == kRedacted);
  CHECK(c.live["password"] == kRedacted);
  CHECK(c.desired["host"] == "10.0.0.%");
}

TEST_CASE("Redact hides a diff that shows any line of a sensitive text", "[redact]") {
  Change c;
  c.kind = ChangeKind::kUpdate;
  c.fields = {{"content", "user=a\ntoken=abc\n", "user=a\ntoken=xyz\n", false}};
  c.actions = {{"file", "write /etc/app.env", "--- a\n+++ b\n-token=abc\n+token=xyz\n"}};
  Redact(c, {"content"});
  CHECK(c.actions[0].summary == "write /etc/app.env");
  CHECK(c.actions[0].detail == "(hidden: contains a sensitive value)");
}

TEST_CASE("Redact leaves a change without sensitive fields alone", "[redact]") {
  Change c;
  c.fields = {{"mode", "0644", "0600", false}};
  c.actions = {{"command", "chmod 0600 /x", "chmod 0600 /x"}};
  Redact(c, {});
  CHECK(c.fields[0].after == "0600");
  CHECK(c.actions[0].detail == "chmod 0600 /x");
}

TEST_CASE("Redact keeps null before/after so create and delete still read as such",
          "[redact]") {
  Change c;
  c.kind = ChangeKind::kCreate;
  c.fields = {{"password", nullptr, "s3cret", true}};
  Redact(c, {});
  CHECK(c.fields[0].before.is_null());
  CHECK(c.fields[0].after == kRedacted);
}

}  // namespace kilter::reconciler
