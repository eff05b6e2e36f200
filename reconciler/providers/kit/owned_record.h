#pragma once

#include <map>
#include <string>

/// The ownership record of objects that can carry no mark and are not files
/// (MySQL users: the server keeps no comment on an account). One record per
/// host and type in the engine's state directory (STATE_DIR/TYPE.owned),
/// one line per object kilter created: its key on the host and the name of
/// the resource that declared it. An object listed here that no spec
/// declares any more is dropped; an object not listed is never touched.
namespace kilter::reconciler::kit {

/// key (e.g. "'shop'@'10.0.0.%'") -> resource name.
using OwnedRecord = std::map<std::string, std::string>;

/// The record's path under a state directory: STATE_DIR/TYPE.owned.
std::string OwnedRecordPath(const std::string& state_dir, const std::string& type);

/// One JSON object per line, {"key": KEY, "name": NAME}, sorted by key.
std::string FormatOwnedRecord(const OwnedRecord& record);

/// Throws std::runtime_error naming the line when the text is not a record.
OwnedRecord ParseOwnedRecord(const std::string& text);

}  // namespace kilter::reconciler::kit
