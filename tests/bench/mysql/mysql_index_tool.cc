// mysql_index_tool plan|apply CATALOG.json
//
// Plans (read, diff, scratch proof) or applies the mysql.index resources of
// a catalog through the real transport, printing each change and the time of
// each phase. The benchmarks use it to time the provider alone.
#include <chrono>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "compiler/catalog/catalog.h"
#include "reconciler/providers/provider.h"

using namespace kilter;
using namespace kilter::reconciler;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || (std::string(argv[1]) != "plan" && std::string(argv[1]) != "apply")) {
    std::cerr << "usage: mysql_index_tool plan|apply CATALOG.json\n";
    return 1;
  }
  bool apply = std::string(argv[1]) == "apply";
  try {
    std::ifstream in(argv[2]);
    catalog::Catalog cat = catalog::FromJson(nlohmann::json::parse(in));
    std::unique_ptr<Provider> provider = MakeProvider("mysql.index");
    size_t pending = 0;
    for (const catalog::Host& host : cat.hosts) {
      std::vector<const catalog::Resource*> desired;
      for (const catalog::Resource& r : cat.resources) {
        if (r.host == host.name && (r.type == "mysql.index" || r.type == "mysql.table_indexes")) {
          desired.push_back(&r);
        }
      }
      nlohmann::json settings = provider->DefaultSettings();
      if (host.providers.contains("mysql.index")) settings.update(host.providers["mysql.index"]);
      ProviderContext ctx{host, settings, desired, {}, {}};
      std::unique_ptr<Transport> transport = Connect(host, {});
      auto start = Clock::now();
      LiveState live = provider->Read(*transport, ctx);
      double read_ms = Ms(start);
      auto diff_start = Clock::now();
      std::vector<Change> changes = provider->Diff(ctx, live);
      double diff_ms = Ms(diff_start);
      auto validate_start = Clock::now();
      provider->Validate(*transport, ctx, changes);
      double validate_ms = Ms(validate_start);
      std::vector<Change> todo;
      for (const Change& c : changes) {
        if (c.kind == ChangeKind::kNothing) continue;
        todo.push_back(c);
        std::cout << fmt::format("{} {}\n", ToString(c.kind), c.Address());
      }
      std::cerr << fmt::format("{}: read {:.1f} ms, diff {:.1f} ms, validate {:.1f} ms, {} of {} "
                               "resources to change\n",
                               host.name, read_ms, diff_ms, validate_ms, todo.size(),
                               desired.size());
      pending += todo.size();
      if (apply && !todo.empty()) {
        auto apply_start = Clock::now();
        provider->Apply(*transport, ctx, todo);
        std::cerr << fmt::format("{}: apply {:.1f} ms\n", host.name, Ms(apply_start));
      }
    }
    return pending == 0 || apply ? 0 : 2;
  } catch (const std::exception& e) {
    std::cerr << "mysql_index_tool: " << e.what() << "\n";
    return 1;
  }
}
