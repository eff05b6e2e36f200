#include "reconciler/plan/merge.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kilter::reconciler {

namespace {

[[noreturn]] void Fail(const std::vector<std::string>& problems) {
  throw MergeError(fmt::format("{}", fmt::join(problems, "\n")));
}

const char* KindWords(const Plan& plan) {
  return plan.kind == "drift" ? "a drift report" : "a plan";
}

/// Every report is a shard, all of one kind and one count.
void CheckSameRun(const std::vector<ShardReport>& reports) {
  std::vector<std::string> problems;
  for (const ShardReport& r : reports) {
    if (!r.plan.shard) {
      problems.push_back(fmt::format("{} is not a shard: it was made without --shard", r.file));
    }
  }
  if (!problems.empty()) Fail(problems);
  const ShardReport& first = reports.front();
  for (const ShardReport& r : reports) {
    if (r.plan.kind != first.plan.kind) {
      problems.push_back(fmt::format("{} is {} but {} is {}: merge the shards of one run",
                                     first.file, KindWords(first.plan), r.file,
                                     KindWords(r.plan)));
    }
    if (r.plan.shard->count != first.plan.shard->count) {
      problems.push_back(fmt::format(
          "{} is shard {} but {} is shard {}: the shards of one run share their count",
          first.file, first.plan.shard->Name(), r.file, r.plan.shard->Name()));
    }
  }
  if (!problems.empty()) Fail(problems);
}

/// Every share present once, every host in one file, in its own share, and
/// every file made from the same specs.
void CheckCoverage(const std::vector<ShardReport>& reports) {
  std::vector<std::string> problems;
  int count = reports.front().plan.shard->count;
  std::map<int, std::vector<std::string>> files_of_shard;
  std::map<std::string, const ShardReport*> file_of_host;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> shared_hosts;
  for (const ShardReport& r : reports) {
    files_of_shard[r.plan.shard->index].push_back(r.file);
    for (const HostPlan& h : r.plan.hosts) {
      auto [it, fresh] = file_of_host.emplace(h.host, &r);
      if (!fresh) shared_hosts[{it->second->file, r.file}].push_back(h.host);
      int belongs = ShardOf(h.host, count);
      if (belongs != r.plan.shard->index) {
        problems.push_back(fmt::format("{} (shard {}) holds host {}, which belongs to shard {}",
                                       r.file, r.plan.shard->Name(), h.host,
                                       Shard{belongs, count}.Name()));
      }
    }
  }
  for (const auto& [files, hosts] : shared_hosts) {
    problems.push_back(fmt::format("host{} {} {} in both {} and {}", hosts.size() == 1 ? "" : "s",
                                   fmt::join(hosts, ", "), hosts.size() == 1 ? "is" : "are",
                                   files.first, files.second));
  }
  std::vector<std::string> missing;
  for (int k = 1; k <= count; ++k) {
    auto files = files_of_shard.find(k);
    if (files == files_of_shard.end()) {
      missing.push_back(Shard{k, count}.Name());
    } else if (files->second.size() > 1) {
      problems.push_back(fmt::format("shard {} is in {} files: {}", Shard{k, count}.Name(),
                                     files->second.size(), fmt::join(files->second, ", ")));
    }
  }
  if (!missing.empty()) {
    problems.push_back(fmt::format("shard{} {} missing", missing.size() == 1 ? "" : "s",
                                   fmt::join(missing, ", ")));
  }
  const ShardReport& first = reports.front();
  nlohmann::json specs = ToJson(first.plan, true).at("catalog");
  for (const ShardReport& r : reports) {
    if (ToJson(r.plan, true).at("catalog") != specs) {
      problems.push_back(fmt::format("{} and {} were made from different specs or inventories: "
                                     "plan every shard from the same commit",
                                     first.file, r.file));
    }
  }
  if (!problems.empty()) Fail(problems);
  for (const catalog::Host& h : first.plan.catalog.hosts) {
    if (file_of_host.count(h.name)) continue;
    Shard shard{ShardOf(h.name, count), count};
    problems.push_back(fmt::format("host {} of shard {} is not in {}", h.name, shard.Name(),
                                   files_of_shard.at(shard.index).front()));
  }
  if (!problems.empty()) Fail(problems);
}

/// Where `address` is among the catalog's suppressions (their count if absent).
size_t SuppressionRank(const catalog::Catalog& catalog, const std::string& address) {
  const auto& all = catalog.suppressions;
  return std::find_if(all.begin(), all.end(),
                      [&](const catalog::Suppression& s) { return s.address == address; }) -
         all.begin();
}

std::string Key(const catalog::Suppression& s) {
  return s.address + '\n' + s.reason + '\n' + s.expires;
}

}  // namespace

Plan MergeShards(const std::vector<ShardReport>& reports) {
  if (reports.empty()) throw MergeError("no reports to merge");
  CheckSameRun(reports);
  CheckCoverage(reports);
  const Plan& first = reports.front().plan;
  Plan merged;
  merged.kind = first.kind;
  merged.created = first.created;
  merged.catalog = first.catalog;
  std::map<std::string, const HostPlan*> host_plans;
  std::set<std::string> expired;  // address, reason and date: one suppression
  for (const ShardReport& r : reports) {
    merged.created = std::min(merged.created, r.plan.created);
    merged.catalog_redacted = merged.catalog_redacted || r.plan.catalog_redacted;
    // Shards run side by side: the run took as long as its slowest shard.
    if (r.plan.duration_seconds) {
      merged.duration_seconds =
          std::max(merged.duration_seconds.value_or(0), *r.plan.duration_seconds);
    }
    for (const HostPlan& h : r.plan.hosts) host_plans[h.host] = &h;
    merged.suppressed.insert(merged.suppressed.end(), r.plan.suppressed.begin(),
                             r.plan.suppressed.end());
    for (const catalog::Suppression& s : r.plan.expired_suppressions) expired.insert(Key(s));
  }
  for (const catalog::Host& h : merged.catalog.hosts) merged.hosts.push_back(*host_plans.at(h.name));
  std::stable_sort(merged.suppressed.begin(), merged.suppressed.end(),
                   [&](const SuppressedChange& a, const SuppressedChange& b) {
                     return SuppressionRank(merged.catalog, a.change.Address()) <
                            SuppressionRank(merged.catalog, b.change.Address());
                   });
  for (const catalog::Suppression& s : merged.catalog.suppressions) {
    if (expired.count(Key(s))) merged.expired_suppressions.push_back(s);
  }
  return merged;
}

}  // namespace kilter::reconciler
