#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler {

/// The `file` provider (stdlib/schemas/file.kilt): whole-file content, mode,
/// owner and group. Reads every file of a host in one command; writes
/// atomically through the transport; owns what its manifest lists
/// (kit/manifest.h) and deletes listed files that leave the specs.
/// docs/providers/file.md.
std::unique_ptr<Provider> MakeFileProvider();

}  // namespace kilter::reconciler
