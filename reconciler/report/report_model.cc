#include "reconciler/report/report_model.h"

#include <fmt/format.h>

#include "reconciler/plan/rfc3339.h"
#include "reconciler/report/run_log.h"

namespace kilter::reconciler {

namespace {

std::vector<std::string> Strings(const nlohmann::json& object, const char* key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it != object.end()) {
    for (const nlohmann::json& s : *it) out.push_back(s.get<std::string>());
  }
  return out;
}

std::string String(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::optional<double> Measure(const nlohmann::json& resource, const char* name) {
  auto measures = resource.find("measures");
  if (measures == resource.end()) return std::nullopt;
  auto it = measures->find(name);
  if (it == measures->end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

ReportResource ResourceOf(const nlohmann::json& r) {
  return {String(r, "address"), String(r, "type"),    String(r, "name"),
          String(r, "status"),  String(r, "kind"),    String(r, "cause"),
          Strings(r, "diff"),   Strings(r, "problems")};
}

}  // namespace

ReportBuilder::ReportBuilder(const catalog::Catalog& specs) {
  for (const catalog::Host& h : specs.hosts) Host(h.name);
  for (const catalog::Resource& r : specs.resources) {
    ++model_.declared[r.host][r.type];
    types_[r.type] = true;
  }
}

ReportHost& ReportBuilder::Host(const std::string& name) {
  auto [it, added] = host_index_.emplace(name, model_.hosts.size());
  if (added) {
    ReportHost host;
    host.host = name;
    model_.hosts.push_back(std::move(host));
  }
  return model_.hosts[it->second];
}

void ReportBuilder::Add(const nlohmann::json& line) {
  if (!line.is_object() || !line.contains("log")) {
    throw RunLogError("not a kilter run log line (no \"log\" key)");
  }
  if (line["log"] != kRunLogVersion) {
    throw RunLogError(fmt::format("run log version {} is not one this kilter reads (it reads {})",
                                  line["log"].dump(), kRunLogVersion));
  }
  std::string time = String(line, "time");
  std::optional<int64_t> unix = ParseRfc3339(time);
  if (!unix) {
    throw RunLogError(fmt::format("bad \"time\" {}", line.value("time", nlohmann::json()).dump()));
  }
  std::string command = String(line, "command");
  ++model_.lines;
  if (model_.first_time.empty()) model_.first_time = time;
  if (*unix >= model_.last_unix) {
    model_.last_unix = *unix;
    model_.last_time = time;
  }
  for (const nlohmann::json& h : line.value("hosts", nlohmann::json::array())) {
    std::string name = String(h, "host");
    const nlohmann::json& resources = h.value("resources", nlohmann::json::array());
    for (const nlohmann::json& r : resources) {
      types_[String(r, "type")] = true;
      AddMeasures(name, r, *unix);
      if (String(r, "type") == "health.check") {
        ++model_.availability.observations;
        model_.availability.healthy += String(r, "status") != "failed";
      }
    }
    // A probe reads only the health checks: the host's row keeps the newest
    // full read.
    if (command == "probe") continue;
    ReportHost& host = Host(name);
    if (host.seen && ParseRfc3339(host.run_time).value_or(0) > *unix) continue;
    host.seen = true;
    host.reachable = h.value("reachable", false);
    host.run_time = time;
    host.command = command;
    host.errors = Strings(h, "errors");
    std::string last_apply = String(h, "last_apply");
    if (!last_apply.empty()) host.last_apply = last_apply;
    host.resources.clear();
    for (const nlohmann::json& r : resources) host.resources.push_back(ResourceOf(r));
  }
}

void ReportBuilder::AddMeasures(const std::string& host, const nlohmann::json& r, int64_t time) {
  std::string address = String(r, "address");
  if (std::optional<double> median = Measure(r, "latency_median_seconds")) {
    LatencySeries& series = latency_[address];
    series.address = address;
    series.host = host;
    series.points.push_back({time, *median, Measure(r, "latency_worst_seconds")});
    if (std::optional<double> target = Measure(r, "latency_target_seconds")) {
      series.target_seconds = target;
    }
  }
  if (std::optional<double> age = Measure(r, "backup_age_seconds")) {
    backups_[address] = {address, host, *age, Measure(r, "backup_interval_seconds")};
  }
  if (std::optional<double> expiry = Measure(r, kCertificateExpiryMeasure)) {
    certificates_[address] = {address, host, *expiry, std::nullopt};
  }
}

ReportModel ReportBuilder::Finish() {
  for (const auto& [type, unused] : types_) {
    if (!type.empty()) model_.types.push_back(type);
  }
  for (auto& [address, series] : latency_) model_.latency.push_back(std::move(series));
  for (auto& [address, gauge] : backups_) model_.backups.push_back(std::move(gauge));
  for (auto& [address, gauge] : certificates_) model_.certificates.push_back(std::move(gauge));
  return std::move(model_);
}

}  // namespace kilter::reconciler
