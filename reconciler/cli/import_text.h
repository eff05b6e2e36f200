#pragma once

#include <string>

#include "reconciler/providers/kit/spec_text.h"

namespace kilter::cli {

/// What `kilter import` writes: a header naming the command, the importer's
/// notes and resources, formatted by the compiler as `kilter fmt` would.
/// Throws std::runtime_error naming host and type when the text does not
/// parse (a fault of the importer), with the text.
std::string ImportedSpecText(const reconciler::kit::SpecFile& file, const std::string& host,
                             const std::string& type);

}  // namespace kilter::cli
