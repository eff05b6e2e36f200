#pragma once

#include <vector>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/sysctl/host_read.h"

/// `kilter import --type sysctl`: the kernel parameters a host sets, as
/// sysctl resources (docs/providers/sysctl.md, Import).
namespace kilter::reconciler::sysctl {

/// --key NAME|PATTERN.
std::vector<ImportFilter> ImportFilters();

/// The parameters of `state` that `wanted` (normal keys) names, grouped into
/// one resource per sysctl.d file that persists them (named after the file;
/// kilter's own files by their resource), and "live" for those no file sets.
/// Values are the live ones; a comment says where a value is not persisted
/// as it is live.
kit::SpecFile ImportedResources(const std::string& host, const HostState& state,
                                const std::vector<std::string>& wanted);

/// Reads the host (the sysctl.d files, then /proc/sys for the keys found)
/// and returns the resources for `request`, leaving out the keys the specs
/// already declare on the host.
kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request);

}  // namespace kilter::reconciler::sysctl
