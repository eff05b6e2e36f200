#pragma once

#include <set>
#include <string>
#include <vector>

#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/kit/spec_text.h"

/// Importing what kilter itself wrote: types whose owned file records the
/// resource's fields (`kilter-fields: JSON`, as bluegreen.service and
/// backup.policy write them) get their specs back from that record.
namespace kilter::reconciler::kit {

/// One resource per file of `owned` whose mark names `type` on `host` and
/// which records its fields, leaving out the names in `declared`. Field
/// values are in catalog units: `durations` names the fields (dotted inside
/// an object: "health.timeout"; `*` for any key of a map, list items
/// keeping their list's path: "slots.*.fail_timeout", "servers.fail_timeout")
/// that hold milliseconds, `sizes` those that hold bytes. A file edited on
/// the host since kilter wrote it is imported with a comment saying the
/// plan rewrites it.
SpecFile ImportRecorded(const std::vector<OwnedFile>& owned, const std::string& type,
                        const std::string& host, const std::set<std::string>& declared,
                        const std::vector<std::string>& durations,
                        const std::vector<std::string>& sizes = {});

}  // namespace kilter::reconciler::kit
