#include "support/test_provider.h"

#include <fmt/format.h>

#include "reconciler/providers/file/file_provider.h"
#include "support/default_settings.h"
#include "support/fake_host.h"

namespace kilter::testing {

using namespace reconciler;

namespace {

class TestProvider : public Provider {
 public:
  explicit TestProvider(TestWorld& world) : world_(world) {}
  std::string name() const override { return "test"; }
  std::vector<std::string> types() const override { return {"test.thing"}; }

  LiveState Read(Transport& transport, const ProviderContext& context) override {
    Command c;
    c.argv = {"test-read"};
    CommandResult r = transport.Run(c);
    if (!r.ok()) throw ProviderError("test-read failed: " + r.err);
    LiveState live;
    live.data = nlohmann::json::object();
    for (const auto& [name, value] : world_.live[context.host.name]) live.data[name] = value;
    return live;
  }

  std::vector<Change> Diff(const ProviderContext& context, const LiveState& live) override {
    std::vector<Change> changes;
    std::set<std::string> declared;
    for (const catalog::Resource* r : context.desired) {
      declared.insert(r->name);
      Change c;
      c.type = r->type;
      c.name = r->name;
      c.desired = r->fields;
      std::string want = r->fields.value("value", "");
      if (!live.data.contains(r->name)) {
        c.kind = ChangeKind::kCreate;
        c.fields.push_back({"value", nullptr, want, false});
      } else if (live.data[r->name] != want) {
        c.kind = ChangeKind::kUpdate;
        c.live = {{"value", live.data[r->name]}};
        c.fields.push_back({"value", live.data[r->name], want, false});
        c.actions.push_back({"command", "set " + r->name + " to " + want, "set " + want});
      } else {
        c.live = {{"value", live.data[r->name]}};
      }
      if (c.kind != ChangeKind::kNothing) c.notifies = {"reload"};
      changes.push_back(c);
    }
    for (const auto& [name, value] : live.data.items()) {
      if (declared.count(name)) continue;
      Change c;
      c.type = "test.thing";
      c.name = name;
      c.kind = ChangeKind::kDelete;
      c.live = {{"value", value}};
      c.notifies = {"reload"};
      changes.push_back(c);
    }
    return changes;
  }

  void Apply(Transport& transport, const ProviderContext& context,
             const std::vector<Change>& changes) override {
    std::string names;
    for (const Change& c : changes) names += " " + c.name;
    Command cmd;
    cmd.shell = "test-apply" + names;
    transport.Run(cmd);
    if (world_.fail_apply) throw ProviderError("test.thing: apply failed on purpose");
    if (world_.ignore_apply) return;
    for (const Change& c : changes) {
      world_.applied.push_back(context.host.name + " " + c.name);
      if (c.kind == ChangeKind::kDelete) world_.live[context.host.name].erase(c.name);
      else world_.live[context.host.name][c.name] = c.desired.value("value", "");
    }
  }

  std::vector<Handler> Handlers(const ProviderContext& context) const override {
    // test.thing has no settings schema: a catalog without settings reloads the default way.
    return {{"reload", context.settings.value("reload", "systemctl reload test"), "reload"}};
  }

 private:
  TestWorld& world_;
};


}  // namespace

std::unique_ptr<Provider> MakeTestProvider(TestWorld& world) {
  return std::make_unique<TestProvider>(world);
}

ProviderRegistry TestRegistry(TestWorld& world) {
  ProviderRegistry registry;
  registry.make = [&world](const std::string& type) -> std::unique_ptr<Provider> {
    if (type == "test.thing") return MakeTestProvider(world);
    if (type == "file") return MakeFileProvider();
    return nullptr;
  };
  registry.types = [] { return std::vector<std::string>{"file", "test.thing"}; };
  return registry;
}

catalog::Host TestHost(const std::string& name) {
  catalog::Host h;
  h.name = name;
  h.address = "127.0.0.1";
  h.transport = "local";
  h.providers = DefaultHostSettings();
  return h;
}

catalog::Resource Thing(const std::string& name, const std::string& host,
                        const std::string& value, std::vector<std::string> after) {
  catalog::Resource r;
  r.type = "test.thing";
  r.name = name;
  r.host = host;
  r.fields = {{"value", value}};
  r.after = std::move(after);
  r.source = {"site.kilt", 1, 1};
  return r;
}

void ServeTestHost(FakeTransport& fake) {
  ServeEngineScripts(fake);
  fake.On("test-read", CommandResult{0, "", ""});
  fake.On("test-apply", CommandResult{0, "", ""});
  fake.On("systemctl reload test", CommandResult{0, "", ""});
}

Connector FakeConnector(std::map<std::string, FakeTransport*> fakes) {
  return [fakes](const catalog::Host& host) -> std::unique_ptr<Transport> {
    auto it = fakes.find(host.name);
    if (it == fakes.end()) throw TransportError(host.name, "cannot connect: connection refused");
    return Borrow(*it->second);
  };
}

}  // namespace kilter::testing
