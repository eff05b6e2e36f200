#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

/// Where a run's time went (--timings): how long each phase took per host
/// and provider, and the steps of the run as a whole. Plain records; the
/// engine and apply fill them, the CLI prints them on stderr.
namespace kilter::reconciler {

/// The phases --timings reports, in the order of their columns.
enum class Phase { kConnect, kLock, kRead, kDiff, kValidate, kApply, kHandlers, kVerify, kWall };

/// The column heading of a phase: "connect", "read", ... "wall".
const char* ToString(Phase phase);

/// The row of the engine's own work on a host: connecting, reading its
/// state, the lock, the handlers, the re-read after apply (the name of its
/// settings, [providers.kilter]).
inline constexpr const char* kEngineRow = "kilter";
/// The row of a host's wall time, from connecting to its last change.
inline constexpr const char* kHostRow = "(host)";

/// How long one phase took for one provider (or kEngineRow, kHostRow) on one host.
struct PhaseTime {
  std::string host;
  std::string provider;
  Phase phase = Phase::kRead;
  std::chrono::nanoseconds took{0};
};

/// The records of one run. Host threads, and the provider reads of one
/// host, add to it at the same time.
class Timings {
 public:
  /// Adds `took` to the phase of `provider` on `host` (a phase done twice
  /// counts twice).
  void Add(const std::string& host, const std::string& provider, Phase phase,
           std::chrono::nanoseconds took);
  /// A step of the whole run ("compile", "plan", "total"), in the order given.
  void AddStep(const std::string& step, std::chrono::nanoseconds took);

  std::vector<PhaseTime> phases() const;
  std::vector<std::pair<std::string, std::chrono::nanoseconds>> steps() const;

 private:
  mutable std::mutex mutex_;
  std::vector<PhaseTime> phases_;
  std::vector<std::pair<std::string, std::chrono::nanoseconds>> steps_;
};

/// Adds the time from its construction to its destruction to `timings`, so
/// a phase that throws is timed too; does nothing when `timings` is null.
class PhaseTimer {
 public:
  PhaseTimer(Timings* timings, std::string host, std::string provider, Phase phase);
  ~PhaseTimer();
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;

 private:
  Timings* timings_;
  std::string host_;
  std::string provider_;
  Phase phase_;
  std::chrono::steady_clock::time_point start_;
};

/// The table --timings prints: under `title`, a row per host and provider
/// (hosts by name; in each, kEngineRow first, the providers by name, then
/// kHostRow), a column of milliseconds per phase that took place in the run
/// ("-" where a row had none), then the run's steps on one line.
std::string RenderTimings(const Timings& timings, const std::string& title);

}  // namespace kilter::reconciler
