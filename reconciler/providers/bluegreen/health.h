#pragma once

#include <string>

#include "reconciler/providers/bluegreen/service.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/health_probe.h"

/// The health of a slot's servers and of the frontend, probed with the kit's
/// health probe (kit/health_probe.h), the one HTTP probe of the code base.
namespace kilter::reconciler::bluegreen {

/// The kit's check of `url` with the service's health settings: one sample,
/// health.status and health.body judged by the kit.
kit::HealthCheck UrlCheck(const Service& service, const std::string& url);

/// A script probing `url` (UrlCheck), again up to health.attempts times,
/// health.interval apart, while it does not answer with health.status. One
/// command of a batched read (kit/batch_read.h).
std::string HealthScript(const Settings& settings, const Service& service, const std::string& url);

/// The URL of the health path on one server of a slot (its address).
std::string ServerUrl(const Service& service, const std::string& address);

/// The URL of the health path through the frontend.
std::string FrontendUrl(const Service& service);

/// The health of one server, or of the frontend, as read.
struct Health {
  bool healthy = false;
  std::string answer;  ///< healthy: "200 blue" (the status and the body's start); else why not
};

/// What HealthScript printed for `url`, judged: the kit's verdict, and
/// `version` (the slot's version label; "" for none) in the body.
Health JudgeHealth(const Service& service, const std::string& url, const std::string& version,
                   const kit::CommandRead& read);

}  // namespace kilter::reconciler::bluegreen
