#pragma once

#include <string>
#include <vector>

#include "compiler/catalog/catalog.h"
#include "reconciler/plan/change.h"
#include "reconciler/providers/sysctl/host_read.h"
#include "reconciler/providers/sysctl/settings.h"

namespace kilter::reconciler::sysctl {

/// One key a resource declares.
struct DeclaredKey {
  std::string written;  ///< as the spec writes it
  std::string normal;   ///< NormalKey(written)
  std::string value;    ///< DeclaredValue: what /proc/sys and the file get
};

/// The keys of `resource`, in the catalog's order. Throws ProviderError
/// naming the resource, the key and the spec location for a value that is
/// not an int or a one-line string (the schema cannot check each value of
/// a map).
std::vector<DeclaredKey> DeclaredKeys(const catalog::Resource& resource);

/// kilter's sysctl.d file for `resource`: its mark, then "KEY = VALUE" lines.
std::string RenderFile(const catalog::Resource& resource, const std::string& host);

/// Desired vs live for one host: one Change per desired resource, a kDelete
/// per kilter file whose resource is no longer declared. Pure. Throws
/// ProviderError for a key /proc/sys does not have or cannot read, and for
/// two resources giving one key different values.
std::vector<Change> DiffHost(const std::string& host,
                             const std::vector<const catalog::Resource*>& desired,
                             const Settings& settings, const HostState& state);

}  // namespace kilter::reconciler::sysctl
