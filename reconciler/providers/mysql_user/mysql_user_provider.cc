#include "reconciler/providers/mysql_user/mysql_user_provider.h"

#include <optional>

#include <fmt/format.h>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/owned_record.h"
#include "reconciler/providers/mysql_user/diff.h"
#include "reconciler/providers/mysql_user/host_read.h"
#include "reconciler/providers/mysql_user/import.h"
#include "reconciler/providers/mysql_user/password.h"
#include "reconciler/providers/mysql_user/settings.h"
#include "reconciler/providers/settings.h"

namespace kilter::reconciler::mysql_user {

using nlohmann::json;

namespace {

std::string DeclaredPassword(const catalog::Resource& r) {
  const json& v = r.fields.value("password", json());
  return v.is_string() ? v.get<std::string>() : "";
}

/// The account a change is about.
std::string AccountOf(const Change& c) {
  if (c.kind == ChangeKind::kDelete) return c.live.value("account", "");
  return Account(c.desired.value("user", ""), c.desired.value("host", ""));
}

std::string Replace(std::string text, const std::string& what, const std::string& with) {
  if (what.empty()) return text;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
  return text;
}

void WriteRecord(Transport& transport, const std::string& path, const kit::OwnedRecord& record) {
  transport.WriteFile(path, kit::FormatOwnedRecord(record), WriteOptions{0600, "", ""});
}

class MysqlUserProvider : public Provider, public Importer {
 public:
  std::string name() const override { return kType; }
  std::vector<std::string> types() const override { return {kType}; }

  LiveState Read(Transport& transport, const ProviderContext& context) override {
    Settings settings = TypedSettings<Settings>(context.settings, kType);
    std::string record = kit::OwnedRecordPath(context.state_dir, kType);
    std::map<std::string, std::string> passwords;
    for (const catalog::Resource* r : context.desired) {
      std::string key = Account(r->fields.value("user", ""), r->fields.value("host", ""));
      passwords[key] =
          r->fields.value("plugin", "") == "mysql_native_password" ? DeclaredPassword(*r) : "";
    }
    kit::BatchResult read =
        kit::Read(transport, ReadBatchFor(settings, record), context.host.name, kType);
    return {StateFrom(context.host.name, settings, record, passwords, read).ToJson()};
  }

  std::vector<ImportFilter> ImportFilters() const override { return mysql_user::ImportFilters(); }

  /// One batch, as Read: every account but root and the server's own.
  kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                       const ImportRequest& request) override {
    return mysql_user::Import(transport, context, request);
  }

  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override {
    try {
      return DiffHost(context.host.name, context.desired, HostState::FromJson(live.data));
    } catch (const std::invalid_argument& e) {
      throw ProviderError(fmt::format("{}: mysql.user: {}", context.host.name, e.what()));
    }
  }

  /// The ownership record grows before an account is created and shrinks
  /// after one is dropped, so a run killed half-way never leaves an account
  /// kilter made that it does not know as its own.
  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override {
    Settings settings = TypedSettings<Settings>(context.settings, kType);
    std::string path = kit::OwnedRecordPath(context.state_dir, kType);
    kit::OwnedRecord record;
    if (std::optional<std::string> text = transport.ReadFile(path)) {
      try {
        record = kit::ParseOwnedRecord(*text);
      } catch (const std::exception& e) {
        throw ProviderError(
            fmt::format("{}: mysql.user: {}: {}", context.host.name, path, e.what()));
      }
    }
    bool grew = false;
    std::vector<std::string> planned, statements, secrets;
    for (const Change& c : changes) {
      const catalog::Resource* r =
          c.kind == ChangeKind::kDelete ? nullptr : context.Desired(c.name);
      if (c.kind != ChangeKind::kDelete && !r) {
        throw ProviderError(fmt::format("{}: {} is not declared", context.host.name, c.Address()));
      }
      std::string password = r ? DeclaredPassword(*r) : "";
      std::string hash = password.empty() ? "" : NativeHash(password);
      if (!password.empty()) secrets.insert(secrets.end(), {password, hash});
      for (const Action& a : c.actions) {
        if (a.kind == "record" && c.kind != ChangeKind::kDelete) {
          record[AccountOf(c)] = c.name;
          grew = true;
        }
        if (a.kind != "sql") continue;
        planned.push_back(a.summary);
        statements.push_back(Replace(a.summary, kHashPlaceholder, "'" + hash + "'"));
      }
    }
    if (grew) WriteRecord(transport, path, record);
    if (!statements.empty()) {
      std::string sql;
      for (const std::string& s : statements) sql += s + ";\n";
      CommandResult result = transport.Run(mysql::ClientCommand(settings, sql));
      if (!result.ok()) {
        for (const std::string& s : secrets) {
          result.err = Replace(result.err, s, "(sensitive)");
          result.out = Replace(result.out, s, "(sensitive)");
        }
        std::string which;
        for (const mysql::SqlError& e : mysql::ParseErrors(result.err)) {
          if (e.line >= 1 && e.line <= static_cast<int>(planned.size())) {
            which = fmt::format(" (statement {} of {}: {}; those before it were applied)", e.line,
                                planned.size(), planned[e.line - 1]);
          }
        }
        throw ProviderError(
            mysql::DescribeFailure(context.host.name + ": mysql.user: ", settings, result) + which);
      }
    }
    bool shrank = false;
    for (const Change& c : changes) {
      if (c.kind == ChangeKind::kDelete) shrank = record.erase(AccountOf(c)) > 0 || shrank;
    }
    if (shrank) WriteRecord(transport, path, record);
  }
};

}  // namespace

std::unique_ptr<Provider> MakeMysqlUserProvider() { return std::make_unique<MysqlUserProvider>(); }

}  // namespace kilter::reconciler::mysql_user
