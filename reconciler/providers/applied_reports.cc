#include "reconciler/providers/applied_reports.h"

namespace kilter::reconciler {

namespace {

thread_local std::vector<std::string>* collecting = nullptr;

}  // namespace

AppliedReports::AppliedReports(std::vector<std::string>& lines) : previous_(collecting) {
  collecting = &lines;
}

AppliedReports::~AppliedReports() { collecting = previous_; }

void ReportApplied(const std::string& line) {
  if (collecting) collecting->push_back(line);
}

}  // namespace kilter::reconciler
