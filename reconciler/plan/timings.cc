#include "reconciler/plan/timings.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace kilter::reconciler {

namespace {

constexpr Phase kPhases[] = {Phase::kConnect, Phase::kLock,     Phase::kRead,
                             Phase::kDiff,    Phase::kValidate, Phase::kApply,
                             Phase::kHandlers, Phase::kVerify,  Phase::kWall};

std::string Milliseconds(std::chrono::nanoseconds took) {
  return fmt::format("{:.1f}", std::chrono::duration<double, std::milli>(took).count());
}

/// kEngineRow first, the providers by name, kHostRow last.
std::tuple<int, std::string> RowOrder(const std::string& provider) {
  if (provider == kEngineRow) return {0, ""};
  if (provider == kHostRow) return {2, ""};
  return {1, provider};
}

}  // namespace

const char* ToString(Phase phase) {
  switch (phase) {
    case Phase::kConnect: return "connect";
    case Phase::kLock: return "lock";
    case Phase::kRead: return "read";
    case Phase::kDiff: return "diff";
    case Phase::kValidate: return "validate";
    case Phase::kApply: return "apply";
    case Phase::kHandlers: return "handlers";
    case Phase::kVerify: return "verify";
    case Phase::kWall: return "wall";
  }
  return "?";
}

void Timings::Add(const std::string& host, const std::string& provider, Phase phase,
                  std::chrono::nanoseconds took) {
  std::lock_guard<std::mutex> lock(mutex_);
  phases_.push_back({host, provider, phase, took});
}

void Timings::AddStep(const std::string& step, std::chrono::nanoseconds took) {
  std::lock_guard<std::mutex> lock(mutex_);
  steps_.emplace_back(step, took);
}

std::vector<PhaseTime> Timings::phases() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return phases_;
}

std::vector<std::pair<std::string, std::chrono::nanoseconds>> Timings::steps() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return steps_;
}

PhaseTimer::PhaseTimer(Timings* timings, std::string host, std::string provider, Phase phase)
    : timings_(timings),
      host_(std::move(host)),
      provider_(std::move(provider)),
      phase_(phase),
      start_(std::chrono::steady_clock::now()) {}

PhaseTimer::~PhaseTimer() {
  if (timings_) timings_->Add(host_, provider_, phase_, std::chrono::steady_clock::now() - start_);
}

std::string RenderTimings(const Timings& timings, const std::string& title) {
  using Row = std::tuple<std::string, std::tuple<int, std::string>, std::string>;
  std::map<Row, std::map<Phase, std::chrono::nanoseconds>> rows;
  std::set<Phase> seen;
  for (const PhaseTime& p : timings.phases()) {
    rows[{p.host, RowOrder(p.provider), p.provider}][p.phase] += p.took;
    seen.insert(p.phase);
  }
  std::vector<Phase> columns;
  for (Phase phase : kPhases) {
    if (seen.count(phase)) columns.push_back(phase);
  }

  std::vector<std::vector<std::string>> cells;
  cells.push_back({"host", "provider"});
  for (Phase phase : columns) cells.back().push_back(ToString(phase));
  for (const auto& [row, took] : rows) {
    cells.push_back({std::get<0>(row), std::get<2>(row)});
    for (Phase phase : columns) {
      auto it = took.find(phase);
      cells.back().push_back(it == took.end() ? "-" : Milliseconds(it->second));
    }
  }
  std::vector<size_t> width(2 + columns.size(), 0);
  for (const std::vector<std::string>& line : cells) {
    for (size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
  }

  std::string out = title + "\n";
  for (const std::vector<std::string>& line : cells) {
    std::string text = fmt::format("  {:<{}}  {:<{}}", line[0], width[0], line[1], width[1]);
    for (size_t i = 2; i < line.size(); ++i) text += fmt::format("  {:>{}}", line[i], width[i]);
    out += text + "\n";
  }
  std::vector<std::pair<std::string, std::chrono::nanoseconds>> steps = timings.steps();
  if (!steps.empty()) {
    std::string line;
    for (const auto& [step, took] : steps) {
      line += fmt::format("{}{} {} ms", line.empty() ? "" : ", ", step, Milliseconds(took));
    }
    out += "  run: " + line + "\n";
  }
  return out;
}

}  // namespace kilter::reconciler
