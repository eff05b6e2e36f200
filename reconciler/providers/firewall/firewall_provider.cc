#include "reconciler/providers/firewall/firewall_provider.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/providers/firewall/commit_confirmed.h"
#include "reconciler/providers/firewall/desired.h"
#include "reconciler/providers/firewall/diff.h"
#include "reconciler/providers/firewall/host_read.h"
#include "reconciler/providers/firewall/import.h"
#include "reconciler/providers/firewall/lockout.h"
#include "reconciler/providers/firewall/nft_script.h"
#include "reconciler/providers/firewall/restore.h"

namespace kilter::reconciler {

namespace {

using nlohmann::json;
using namespace firewall;

class FirewallProvider : public Provider, public Importer {
 public:
  std::string name() const override { return "firewall"; }

  std::vector<std::string> types() const override {
    return {"firewall.chain", "firewall.rule", "firewall.set"};
  }

  LiveState Read(Transport& transport, const ProviderContext& context) override {
    read_ = ReadHost(transport, Settings(context));
    return {*read_};
  }

  std::vector<ImportFilter> ImportFilters() const override { return firewall::ImportFilters(); }

  /// Read's one round trip; kilter's table as resources.
  kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                       const ImportRequest& request) override {
    const FirewallSettings s = Settings(context);
    Table desired = BuildDesired(context.host.name, s.table, {});
    HostView view = ParseHostRead(context.host.name, ReadHost(transport, s), desired);
    if (!view.table) {
      throw ProviderError(fmt::format("{}: firewall: the host has no table {}", context.host.name,
                                      desired.Id()));
    }
    std::set<std::string> declared;
    for (const catalog::Resource* r : context.desired) declared.insert(r->name);
    return ImportedTable(context.host.name, *view.table, request.Values("chain"), declared);
  }

  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override {
    const FirewallSettings s = Settings(context);
    Table desired = BuildDesired(context.host.name, s.table, context.desired);
    HostView view = ParseHostRead(context.host.name, live.data, desired);
    std::vector<Change> changes =
        DiffTables({context.host.name, desired, view.table ? &*view.table : nullptr, view.other_tables});
    auto acting = std::find_if(changes.begin(), changes.end(),
                               [](const Change& c) { return c.kind != ChangeKind::kNothing; });
    if (acting == changes.end()) return changes;
    if (auto ssh = SshOf(context.host, view)) {
      if (auto why = FindLockout(WithLiveElements(desired, view), *ssh)) {
        std::string message = fmt::format(
            "the new table {} would cut kilter off the host: {}", desired.Id(), *why);
        if (!context.options.allow_lockout) {
          throw ProviderError(fmt::format(
              "{}: {}. Accept kilter's SSH connection before that, or pass --allow-lockout if you "
              "mean it (the apply is still commit-confirmed and rolls back when kilter cannot "
              "reconnect)",
              context.host.name, message));
        }
        acting->warnings.push_back(message + " (--allow-lockout given)");
        acting->destructive = true;
      }
    }
    return changes;
  }

  void Validate(Transport& transport, const ProviderContext& context,
                std::vector<Change>& changes) override {
    const FirewallSettings s = Settings(context);
    for (const Change& c : changes) {
      for (const Action& a : c.actions) {
        if (a.kind != "nft" || a.detail.empty()) continue;
        Command check;
        check.shell = s.nft + " -c -f -";
        check.stdin_data = a.detail;
        CommandResult r = transport.Run(check);
        if (!r.ok()) {
          throw ProviderError(fmt::format("{}: `nft -c` on the host rejects the new table {}: {}",
                                          context.host.name, s.table, catalog::Trim(r.err + r.out)));
        }
        return;
      }
    }
  }

  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override {
    if (changes.empty()) return;
    const FirewallSettings s = Settings(context);
    Table desired = BuildDesired(context.host.name, s.table, context.desired);
    // Dynamic sets keep what they hold: read them again right before the
    // transaction. A table without one is loaded without a read.
    std::optional<HostView> view;
    if (std::any_of(desired.sets.begin(), desired.sets.end(),
                    [](const Set& set) { return set.dynamic; })) {
      read_ = ReadHost(transport, s);
      view = ParseHostRead(context.host.name, *read_, desired);
    }
    ConfirmedApply apply;
    apply.nft = s.nft;
    apply.dir = context.state_dir + "/firewall";
    apply.table = desired.Id();
    apply.script = RenderTransaction(desired, view && view->table ? &view->table->table : nullptr);
    apply.timeout = s.confirm_timeout;
    if (read_) apply.restore = RestoreFromRead(desired, *read_);
    ApplyConfirmed(transport, context, apply);
  }

 private:
  /// The desired table as the apply will load it: dynamic sets keep what they hold.
  static Table WithLiveElements(Table table, const HostView& view) {
    for (Set& set : table.sets) {
      const Set* live = view.table ? view.table->table.FindSet(set.name) : nullptr;
      if (!set.dynamic || !live) continue;
      set.elements.insert(set.elements.end(), live->elements.begin(), live->elements.end());
    }
    return table;
  }

  FirewallSettings Settings(const ProviderContext& context) const {
    return ParseSettings(context.settings, context.options);
  }

  /// The host as this provider's last read found it: the apply that follows
  /// the read writes its rollback from it instead of listing the table again.
  std::optional<nlohmann::json> read_;
};

}  // namespace

std::unique_ptr<Provider> MakeFirewallProvider() { return std::make_unique<FirewallProvider>(); }

}  // namespace kilter::reconciler
