#pragma once

#include <string>

/// Small text helpers the providers share when they read what hosts print.
namespace kilter::reconciler {

/// ASCII lower case (SQL keywords, ini directive names and values).
std::string Lower(std::string s);

/// Without leading and trailing spaces and tabs.
std::string Trim(const std::string& s);

}  // namespace kilter::reconciler
