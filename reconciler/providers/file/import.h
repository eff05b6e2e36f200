#pragma once

#include <vector>

#include "reconciler/providers/importer.h"
#include "reconciler/providers/kit/batch_read.h"

/// `kilter import --type file`: files on a host as `file` resources
/// (docs/providers/file.md, Import).
namespace kilter::reconciler::file {

/// --path PATH.
std::vector<ImportFilter> ImportFilters();

/// The batch that reads each path as a file and as a directory.
kit::ReadBatch ImportBatch(const std::vector<std::string>& paths);

/// One resource per regular file `read` found at the paths or directly in
/// them, named by its path, skipping the paths in `declared`; a note for
/// each file a string cannot hold (binary content) or whose mode the schema
/// cannot say (setuid, setgid, sticky).
kit::SpecFile ImportedFiles(const std::string& host, const std::vector<std::string>& paths,
                            const kit::BatchResult& read, const std::vector<std::string>& declared);

/// Reads the --path files in one batch.
kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request);

}  // namespace kilter::reconciler::file
