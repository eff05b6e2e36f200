#include "reconciler/providers/mysql_maintenance/run.h"

#include <chrono>
#include <sstream>

#include <fmt/format.h>

#include "reconciler/plan/rfc3339.h"
#include "reconciler/providers/kit/mysql_client.h"
#include "reconciler/providers/mysql_maintenance/choice.h"
#include "reconciler/providers/provider.h"

namespace kilter::reconciler::mysql_maintenance {

namespace {

/// The host's clock: seconds since the epoch, and minutes after local midnight.
struct HostClock {
  int64_t now = 0;
  int minute = 0;
};

HostClock ReadClock(Transport& transport, const Job& job) {
  Command date;
  date.argv = {"date", "+%s %H %M"};
  CommandResult r = transport.Run(date);
  std::istringstream in(r.out);
  HostClock clock;
  int hour = -1, minute = -1;
  if (!r.ok() || !(in >> clock.now >> hour >> minute)) {
    throw ProviderError(fmt::format("{}: reading the host's clock: `date` printed \"{}\"{}",
                                    job.Address(), r.out, r.err));
  }
  clock.minute = hour * 60 + minute;
  return clock;
}

/// The first line of the client's complaint, or its output when it said nothing else.
std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line;
}

/// Runs ACTION TABLE on one table; "" when it succeeded, else the server's
/// words. The client exits 0 when the statement's result rows say Error
/// (a table that does not exist), so those rows are read too.
std::string RunStatement(Transport& transport, const Settings& s, const Job& job,
                         const std::string& action, const std::string& table) {
  std::string sql = fmt::format("{} TABLE {}.{};\n", action == "analyze" ? "ANALYZE" : "OPTIMIZE",
                                mysql::QuoteIdent(job.database), mysql::QuoteIdent(table));
  Command command = mysql::ClientCommand(s, sql);
  command.timeout = std::chrono::hours(6);
  CommandResult r = transport.Run(command);
  if (!r.ok()) {
    std::vector<mysql::SqlError> errors = mysql::ParseErrors(r.err);
    return errors.empty() ? FirstLine(r.err.empty() ? r.out : r.err) : errors.front().message;
  }
  std::string error;
  std::istringstream rows(r.out);
  std::string row;
  while (std::getline(rows, row)) {
    // Table, Op, Msg_type, Msg_text.
    std::vector<std::string> cols;
    std::istringstream in(row);
    std::string col;
    while (std::getline(in, col, '\t')) cols.push_back(col);
    if (cols.size() >= 4 && cols[2] == "Error") error += (error.empty() ? "" : "; ") + cols[3];
  }
  return error;
}

void WriteRecord(Transport& transport, const Settings& s, const Job& job, const Record& record) {
  Command mkdir;
  mkdir.argv = {"mkdir", "-p", s.log_dir};
  transport.Run(mkdir);
  transport.WriteFile(job.RecordPath(s), record.ToJson().dump(2) + "\n", {0644, "", ""});
}

}  // namespace

RunOutcome RunMaintenance(Transport& transport, const Settings& s, const Job& job, bool force) {
  RunOutcome outcome;
  HostClock clock = ReadClock(transport, job);
  if (!force && !job.window.Contains(clock.minute)) {
    outcome.refusal = fmt::format(
        "{}: refused: the host's clock says {}, outside the window {}; --force runs it anyway",
        job.Address(), catalog::ShowClock(clock.minute), job.window_text);
    return outcome;
  }
  outcome.started = true;
  Record& record = outcome.record;
  record.database = job.database;
  record.start = FormatRfc3339(clock.now);
  record.forced = force && !job.window.Contains(clock.minute);
  CommandResult stats = transport.Run(mysql::ClientCommand(s, StatsQuery(job.database)));
  if (!stats.ok()) {
    std::vector<mysql::SqlError> errors = mysql::ParseErrors(stats.err);
    record.error = fmt::format("reading the tables of {}: {}", job.database,
                               errors.empty() ? FirstLine(stats.err) : errors.front().message);
  } else {
    bool window_ended = false;
    for (const TablePlan& plan : ChooseTables(job.tables, ParseStats(stats.out), job.free_over)) {
      std::vector<std::string> actions = {"analyze"};
      if (plan.optimize) actions.push_back("optimize");
      if (!force && !window_ended) {
        window_ended = !job.window.Contains(ReadClock(transport, job).minute);
      }
      for (const std::string& action : actions) {
        if (window_ended) {
          record.steps.push_back({plan.table, action, 0, "skipped",
                                  fmt::format("the window {} ended", job.window_text)});
          continue;
        }
        auto began = std::chrono::steady_clock::now();
        std::string error = RunStatement(transport, s, job, action, plan.table);
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
        record.steps.push_back({plan.table, action, seconds, error.empty() ? "ok" : "failed",
                                error});
      }
    }
  }
  record.end = FormatRfc3339(ReadClock(transport, job).now);
  WriteRecord(transport, s, job, record);
  return outcome;
}

}  // namespace kilter::reconciler::mysql_maintenance
