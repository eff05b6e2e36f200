#include "reconciler/providers/kit/manifest.h"

#include <sstream>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kilter::reconciler::kit {

namespace {

constexpr char kHeader[] =
    "# kilter file manifest v1: the files kilter wrote on this host. Do not edit.\n";

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
    parts.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  parts.push_back(line.substr(start));
  return parts;
}

}  // namespace

std::string ManifestPath(const std::string& state_dir) { return state_dir + "/files.manifest"; }

std::string FormatManifest(const Manifest& manifest) {
  std::string out = kHeader;
  for (const auto& [path, e] : manifest) {
    out += fmt::format("{}\t{}\t{:04o}\t{}\t{}\t{}\t{}\n", path, e.sha256, e.mode, e.owner,
                       e.group, e.sensitive ? "s" : "-", nlohmann::json(e.name).dump());
  }
  return out;
}

Manifest ParseManifest(const std::string& text) {
  Manifest manifest;
  std::istringstream in(text);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> parts = SplitTabs(line);
    try {
      if (parts.size() != 7 || parts[0].empty() || parts[0][0] != '/') throw std::exception();
      ManifestEntry e;
      e.sha256 = parts[1];
      e.mode = static_cast<uint32_t>(std::stoul(parts[2], nullptr, 8));
      e.owner = parts[3];
      e.group = parts[4];
      e.sensitive = parts[5] == "s";
      e.name = nlohmann::json::parse(parts[6]).get<std::string>();
      manifest[parts[0]] = e;
    } catch (const std::exception&) {
      throw std::runtime_error(fmt::format("line {} of the file manifest is corrupt", number));
    }
  }
  return manifest;
}

}  // namespace kilter::reconciler::kit
