#include "reconciler/providers/kit/owned_file.h"

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/kit/file_diff.h"

namespace kilter::reconciler::kit {

namespace {

constexpr std::string_view kMark = " Managed by kilter: ";
constexpr std::string_view kMarkEnd = ". Changes made here are drift.";
constexpr std::string_view kRecord = " kilter-";
constexpr std::string_view kSealKey = "fingerprint";

std::string Leader(Comment comment) { return std::string(1, static_cast<char>(comment)); }

/// The lines of a file's header, as offsets into its content.
struct Header {
  size_t mark = 0;                  ///< where the mark line starts
  size_t seal = std::string::npos;  ///< where the seal line starts (npos: none)
  size_t seal_end = 0;              ///< one past the seal line's newline
  size_t end = 0;                   ///< where the body starts
};

std::string_view LineAt(std::string_view text, size_t at) {
  size_t nl = text.find('\n', at);
  return text.substr(at, (nl == std::string_view::npos ? text.size() : nl) - at);
}

/// Finds the mark (first line, or second after a #! line), then the record
/// lines below it up to and including the seal.
std::optional<Header> FindHeader(std::string_view content, Comment comment) {
  std::string mark = Leader(comment) + std::string(kMark);
  Header h;
  if (content.rfind("#!", 0) == 0) {
    size_t nl = content.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;
    h.mark = nl + 1;
  }
  if (content.compare(h.mark, mark.size(), mark) != 0) return std::nullopt;
  std::string record = Leader(comment) + std::string(kRecord);
  std::string seal = record + std::string(kSealKey) + ": ";
  size_t at = content.find('\n', h.mark);
  while (at != std::string_view::npos) {
    ++at;
    if (content.compare(at, record.size(), record) != 0) break;
    size_t nl = content.find('\n', at);
    if (content.compare(at, seal.size(), seal) == 0 && nl != std::string_view::npos) {
      h.seal = at;
      h.seal_end = nl + 1;
      h.end = nl + 1;
      return h;
    }
    at = nl;
  }
  h.end = at == std::string_view::npos ? content.size() : at;
  return h;
}

/// Seals written before kilter used SHA-256: 16 hex digits of FNV-1a 64,
/// over the file without its seal line (or, in php.opcache's ini files, over
/// the body alone). Still read, so that files on hosts stay kilter's and
/// intact across the upgrade.
uint64_t Fnv1a(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

bool SealMatches(std::string_view content, const Header& h, Comment comment) {
  if (h.seal == std::string::npos) return false;
  size_t value = h.seal + Leader(comment).size() + kRecord.size() + kSealKey.size() + 2;
  std::string_view recorded = content.substr(value, h.seal_end - 1 - value);
  std::string rest =
      std::string(content.substr(0, h.seal)) + std::string(content.substr(h.seal_end));
  if (recorded.size() == 64) return recorded == Sha256Hex(rest);
  if (recorded.size() != 16) return false;
  return recorded == fmt::format("{:016x}", Fnv1a(rest)) ||
         recorded == fmt::format("{:016x}", Fnv1a(content.substr(h.end)));
}

/// `content` without its seal line.
std::string Unsealed(const std::string& content, Comment comment) {
  std::optional<Header> h = FindHeader(content, comment);
  if (!h || h->seal == std::string::npos) return content;
  return content.substr(0, h->seal) + content.substr(h->seal_end);
}

}  // namespace

std::string FileNamePart(const std::string& name) {
  std::string safe;
  for (char c : name) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-';
    safe += keep ? c : '-';
  }
  return safe;
}

std::string MarkPrefix(Comment comment, const std::string& type) {
  return Leader(comment) + std::string(kMark) + type + " ";
}

std::string Render(const FileToOwn& file) {
  std::string header = file.shebang.empty() ? "" : file.shebang + "\n";
  // The name as a JSON string, so any name survives; for the usual names
  // that is the plain name in quotes.
  header += fmt::format("{}{} @ {}{}\n", MarkPrefix(file.comment, file.type),
                        nlohmann::json(file.name).dump(), file.host, kMarkEnd);
  for (const auto& [key, value] : file.records) {
    header += fmt::format("{}{}{}: {}\n", Leader(file.comment), kRecord, key, value);
  }
  return fmt::format("{}{}{}{}: {}\n{}", header, Leader(file.comment), kRecord, kSealKey,
                     Sha256Hex(header + file.body), file.body);
}

std::optional<OwnedFile> ReadOwned(const std::string& path, const std::string& content,
                                   Comment comment) {
  std::optional<Header> h = FindHeader(content, comment);
  if (!h) return std::nullopt;
  std::string_view line = LineAt(content, h->mark);
  size_t prefix = Leader(comment).size() + kMark.size();
  if (line.size() < prefix + kMarkEnd.size() ||
      line.substr(line.size() - kMarkEnd.size()) != kMarkEnd) {
    return std::nullopt;
  }
  // TYPE "NAME" @ HOST
  std::string_view address = line.substr(prefix, line.size() - prefix - kMarkEnd.size());
  size_t space = address.find(' ');
  size_t at = address.rfind("\" @ ");
  if (space == std::string_view::npos || at == std::string_view::npos || at <= space ||
      address[space + 1] != '"') {
    return std::nullopt;
  }
  OwnedFile file;
  file.path = path;
  file.content = content;
  file.comment = comment;
  file.type = std::string(address.substr(0, space));
  std::string quoted(address.substr(space + 1, at - space));
  // Marks written before names were JSON strings hold the name as it is.
  nlohmann::json name = nlohmann::json::parse(quoted, nullptr, false);
  file.name = name.is_string() ? name.get<std::string>() : quoted.substr(1, quoted.size() - 2);
  file.host = std::string(address.substr(at + 4));
  file.intact = SealMatches(content, *h, comment);
  return file;
}

std::string OwnedFile::Record(const std::string& key) const {
  std::optional<Header> h = FindHeader(content, comment);
  if (!h) return "";
  std::string prefix = Leader(comment) + std::string(kRecord) + key + ": ";
  for (size_t at = content.find('\n', h->mark); at != std::string::npos && at + 1 < h->end;
       at = content.find('\n', at + 1)) {
    std::string_view line = LineAt(content, at + 1);
    if (line.rfind(prefix, 0) == 0) return std::string(line.substr(prefix.size()));
  }
  return "";
}

bool OwnedFile::Is(const std::string& desired) const {
  return content == desired || (intact && Unsealed(content, comment) == Unsealed(desired, comment));
}

std::vector<Change> DeletesOfUndeclared(const std::vector<OwnedFile>& owned,
                                        const std::string& type, const std::string& host,
                                        const std::function<bool(const OwnedFile&)>& declared,
                                        const std::string& reason) {
  std::map<std::string, Change> deletes;
  for (const OwnedFile& f : owned) {
    if (f.type != type || f.host != host || declared(f)) continue;
    auto it = deletes.find(f.name);
    if (it == deletes.end()) {
      it = deletes.emplace(f.name, Change::Deleted(type, f.name, host, reason)).first;
      it->second.live = {{"files", nlohmann::json::object()}};
    }
    it->second.live["files"][f.path] = f.content;
    it->second.actions.push_back(
        {"file", "remove " + f.path, FileDiff(f.path, f.content, std::nullopt)});
  }
  std::vector<Change> out;
  for (auto& [name, change] : deletes) out.push_back(std::move(change));
  return out;
}

std::string WhyWrite(const std::string& path, bool exists, bool intact) {
  if (!exists) return path + " does not exist";
  return path + (intact ? " holds what kilter wrote for older specs" : " was edited on the host");
}

DriftCause CauseOf(bool exists, const std::optional<OwnedFile>& owned) {
  if (!exists) return DriftCause::kMissing;
  return owned && owned->intact ? DriftCause::kSpecChanged : DriftCause::kLiveChanged;
}

std::vector<FieldChange> FieldsSinceRecorded(const std::optional<OwnedFile>& owned, bool exists,
                                             const nlohmann::json& fields) {
  nlohmann::json before = nlohmann::json::parse(owned ? owned->Record("fields") : "", nullptr, false);
  std::vector<FieldChange> out;
  for (const auto& [field, value] : fields.items()) {
    nlohmann::json old =
        before.is_object() && before.contains(field) ? before[field] : nlohmann::json(nullptr);
    if (old != value || !exists) out.push_back({field, old, value, false});
  }
  return out;
}

}  // namespace kilter::reconciler::kit
