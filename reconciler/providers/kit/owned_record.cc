#include "reconciler/providers/kit/owned_record.h"

#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace kilter::reconciler::kit {

std::string OwnedRecordPath(const std::string& state_dir, const std::string& type) {
  std::string dir = state_dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir + "/" + type + ".owned";
}

std::string FormatOwnedRecord(const OwnedRecord& record) {
  std::string out;
  for (const auto& [key, name] : record) {
    out += nlohmann::json{{"key", key}, {"name", name}}.dump() + "\n";
  }
  return out;
}

OwnedRecord ParseOwnedRecord(const std::string& text) {
  OwnedRecord record;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("key") || !j["key"].is_string() || !j.contains("name") ||
        !j["name"].is_string()) {
      throw std::runtime_error("line " + std::to_string(number) +
                               " of the ownership record is not {\"key\": ..., \"name\": ...}");
    }
    record[j["key"].get<std::string>()] = j["name"].get<std::string>();
  }
  return record;
}

}  // namespace kilter::reconciler::kit
