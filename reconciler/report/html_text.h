#pragma once

#include <string>
#include <string_view>

namespace kilter::reconciler {

/// `text` safe inside HTML or SVG, in element content and in quoted
/// attributes: & < > " ' escaped. Everything from specs, hosts and the log
/// goes through it.
std::string EscapeHtml(std::string_view text);

}  // namespace kilter::reconciler
