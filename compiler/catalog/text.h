#pragma once

#include <string>

/// Small text helpers, one of each for the compiler and the reconciler.
namespace kilter::catalog {

/// `TYPE "NAME" @ HOST`: the one spelling of a resource's address, in every
/// output of both the compiler and the reconciler.
std::string Address(const std::string& type, const std::string& name, const std::string& host);

/// ASCII lower case (SQL keywords, ini directive names and values).
std::string Lower(std::string s);

/// Without leading and trailing ASCII whitespace (spaces, tabs, line ends).
std::string Trim(const std::string& s);

}  // namespace kilter::catalog
