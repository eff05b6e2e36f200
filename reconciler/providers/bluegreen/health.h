#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/bluegreen/service.h"

namespace kilter::reconciler::bluegreen {

/// A script that checks `url` with the service's health settings, retrying:
/// prints "CODE first-bytes-of-body" and exits 0 when the status is the one
/// wanted and the body holds every one of `texts`, else 1. One command of a
/// batched read (kit/batch_read.h).
std::string HealthScript(const Settings &settings, const Service &service, const std::string &url,
                         const std::vector<std::string> &texts);

/// The URL of the health path on one server of a slot.
std::string ServerUrl(const Service &service, const Server &server);

/// The URL of the health path through the frontend.
std::string FrontendUrl(const Service &service);

/// The health of one server, or of the frontend, as read.
struct Health {
  bool healthy = false;
  std::string answer;  ///< "200 blue", "000" when nothing answered
};

}  // namespace kilter::reconciler::bluegreen
