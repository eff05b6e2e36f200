#include "reconciler/providers/file/import.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/file/file_spec.h"

namespace kilter::reconciler::file {

namespace {

std::string DirKey(size_t i) { return "dir" + std::to_string(i); }

/// The resource of one regular file, or a note saying why there is none.
void AddFile(const std::string& host, const std::string& path, const kit::FileRead& f,
             kit::SpecFile& out) {
  if (!f.error.empty()) {
    out.notes += fmt::format("not imported: {}: {}\n", path, f.error);
    return;
  }
  if ((f.stat.mode & 07777) > 0777) {
    out.notes += fmt::format(
        "not imported: {}: its mode {:04o} has setuid, setgid or sticky bits, which a file "
        "resource cannot declare\n",
        path, f.stat.mode & 07777);
    return;
  }
  try {
    out.resources.push_back({"file",
                             path,
                             host,
                             {{"path", kit::SpecValue::String(path), ""},
                              {"content", kit::SpecValue::String(f.content), ""},
                              {"mode", kit::SpecValue::String(ModeText(f.stat.mode & 0777)), ""},
                              {"owner", kit::SpecValue::String(f.stat.owner), ""},
                              {"group", kit::SpecValue::String(f.stat.group), ""}},
                             ""});
  } catch (const std::invalid_argument& e) {
    out.notes += fmt::format("not imported: {}: its content is not text ({})\n", path, e.what());
  }
}

}  // namespace

std::vector<ImportFilter> ImportFilters() {
  return {{"path", "a file, or a directory: every regular file directly in it (required)"}};
}

kit::ReadBatch ImportBatch(const std::vector<std::string>& paths) {
  kit::ReadBatch batch;
  for (size_t i = 0; i < paths.size(); ++i) {
    batch.AddFile(paths[i]);
    batch.AddGlob(DirKey(i), paths[i], "*", true);
  }
  return batch;
}

kit::SpecFile ImportedFiles(const std::string& host, const std::vector<std::string>& paths,
                            const kit::BatchResult& read,
                            const std::vector<std::string>& declared) {
  kit::SpecFile out;
  auto is_declared = [&](const std::string& p) {
    return std::find(declared.begin(), declared.end(), p) != declared.end();
  };
  for (size_t i = 0; i < paths.size(); ++i) {
    const kit::FileRead& f = read.File(paths[i]);
    if (!f.exists) {
      out.notes += fmt::format("not imported: {}: nothing is there\n", paths[i]);
      continue;
    }
    if (f.regular) {
      if (!is_declared(paths[i])) AddFile(host, paths[i], f, out);
      continue;
    }
    for (const std::string& path : read.Glob(DirKey(i))) {
      const kit::FileRead& entry = read.File(path);
      if (entry.regular && !is_declared(path)) AddFile(host, path, entry, out);
    }
  }
  return out;
}

kit::SpecFile Import(Transport& transport, const ProviderContext& context,
                     const ImportRequest& request) {
  std::vector<std::string> paths = request.Values("path");
  if (paths.empty()) {
    throw std::invalid_argument("kilter import --type file needs --path (a file or directory)");
  }
  for (std::string& p : paths) {
    if (!p.starts_with("/")) {
      throw std::invalid_argument(fmt::format("--path {}: an absolute path is needed", p));
    }
    while (p.size() > 1 && p.ends_with("/")) p.pop_back();
  }
  std::vector<std::string> declared;
  for (const catalog::Resource* r : context.desired) declared.push_back(ParseFileSpec(*r).path);
  kit::BatchResult read = kit::Read(transport, ImportBatch(paths), context.host.name, "files");
  return ImportedFiles(context.host.name, paths, read, declared);
}

}  // namespace kilter::reconciler::file
