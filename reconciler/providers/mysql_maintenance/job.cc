#include "reconciler/providers/mysql_maintenance/job.h"

#include <fmt/format.h>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/cron_file.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/provider.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler::mysql_maintenance {

using nlohmann::json;

namespace {

/// The schedule and window of `job` parsed from their text; throws `fail`'s
/// error when one is not well formed.
template <typename Fail>
void ParseTimes(Job& job, const Fail& fail) {
  std::optional<catalog::RunSchedule> schedule = catalog::ParseRunSchedule(job.analyze);
  if (!schedule) throw fail(fmt::format("analyze \"{}\" is not \"daily HH:MM\" or \"weekly DAY HH:MM\"", job.analyze));
  std::optional<catalog::ClockWindow> window = catalog::ParseClockWindow(job.window_text);
  if (!window) throw fail(fmt::format("window \"{}\" is not HH:MM-HH:MM with a length", job.window_text));
  job.schedule = *schedule;
  job.window = *window;
}

}  // namespace

Job Job::From(const catalog::Resource& r) {
  Job job;
  job.name = r.name;
  job.host = r.host;
  job.fields = r.fields;
  const json& f = r.fields;
  job.database = f.value("database", "");
  if (f.contains("tables") && f["tables"].is_array()) {
    job.tables = f["tables"].get<std::vector<std::string>>();
  }
  job.free_over = f.value("optimize_when", json::object()).value("free_over", 20);
  job.analyze = f.value("analyze", "");
  job.window_text = f.value("window", "");
  job.grace_seconds = f.value("grace", int64_t{0}) / 1000;
  ParseTimes(job, [&](const std::string& why) {
    return ProviderError(fmt::format("{}: {}", r.Address(), why));
  });
  return job;
}

std::string Job::Address() const { return catalog::Address(kType, name, host); }

std::string Job::CronPath(const Settings& s) const {
  return s.cron_dir + "/kilter-maintenance-" + kit::FileNamePart(name);
}

std::string Job::RecordPath(const Settings& s) const {
  return s.log_dir + "/kilter-maintenance-" + kit::FileNamePart(name) + ".json";
}

std::string Job::LogPath(const Settings& s) const {
  return s.log_dir + "/kilter-maintenance-" + kit::FileNamePart(name) + ".log";
}

std::vector<std::string> JobFlagNames() {
  return {"name",   "host",          "database",        "table",   "free-over", "analyze",
          "window", "log-dir",       "client",          "defaults-file", "connect-timeout"};
}

std::vector<std::string> JobArgv(const Job& job, const Settings& s) {
  std::vector<std::string> argv = {s.kilter, "maintenance", "job"};
  auto add = [&](const std::string& flag, const std::string& value) {
    argv.push_back("--" + flag);
    argv.push_back(value);
  };
  add("name", kit::FileNamePart(job.name));
  add("host", kit::FileNamePart(job.host));
  add("database", job.database);
  for (const std::string& table : job.tables) add("table", table);
  add("free-over", std::to_string(job.free_over));
  add("analyze", job.analyze);
  add("window", job.window_text);
  add("log-dir", s.log_dir);
  add("client", s.client);
  if (!s.defaults_file.empty()) add("defaults-file", s.defaults_file);
  add("connect-timeout", std::to_string(s.connect_timeout));
  return argv;
}

std::pair<Job, Settings> JobFromFlags(const JobFlags& flags) {
  auto fail = [](const std::string& why) {
    return ProviderError("kilter maintenance job: " + why);
  };
  auto one = [&](const std::string& flag, bool required = true) -> std::string {
    auto it = flags.find(flag);
    if (it == flags.end() || it->second.empty()) {
      if (required) throw fail("--" + flag + " is missing");
      return "";
    }
    return it->second.back();
  };
  auto number = [&](const std::string& flag) {
    std::string text = one(flag);
    try {
      size_t used = 0;
      int n = std::stoi(text, &used);
      if (used == text.size()) return n;
    } catch (const std::exception&) {
    }
    throw fail(fmt::format("--{} {} is not a number", flag, text));
  };
  Job job;
  Settings s;
  job.name = one("name");
  job.host = one("host");
  job.database = one("database");
  if (auto it = flags.find("table"); it != flags.end()) job.tables = it->second;
  job.free_over = number("free-over");
  job.analyze = one("analyze");
  job.window_text = one("window");
  ParseTimes(job, fail);
  s.log_dir = one("log-dir");
  s.client = one("client");
  s.defaults_file = one("defaults-file", false);
  s.connect_timeout = number("connect-timeout");
  return {job, s};
}

std::string RenderCronFile(const Job& job, const Settings& s) {
  std::string command;
  for (const std::string& word : JobArgv(job, s)) {
    command += (command.empty() ? "" : " ") + ShellQuote(word);
  }
  return kit::RenderCronFile({kType, job.name, job.host, job.schedule.Cron(), s.user, command,
                              job.LogPath(s), {{"fields", job.fields.dump()}}});
}

}  // namespace kilter::reconciler::mysql_maintenance
