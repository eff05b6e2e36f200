#pragma once

#include <set>
#include <string>
#include <vector>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/kit/batch_read.h"
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

/// Where a type's owned files are in its batch read, and how its import
/// names them and reads their fields.
struct RecordedImport {
  std::string type;
  std::string glob;    ///< the batch read's glob key that lists the files
  std::string filter;  ///< the import filter naming a resource ("service")
  std::vector<std::string> durations;
  std::vector<std::string> sizes = {};
};

/// ImportRecorded of the marked files (`#` comments) `read` lists under
/// `what.glob` whose resource the request's filter admits, leaving out the
/// names `context` declares: a type's whole Import after its batch read.
SpecFile ImportRecorded(const BatchResult& read, const RecordedImport& what,
                        const ProviderContext& context, const ImportRequest& request);

}  // namespace kilter::reconciler::kit
