#include "reconciler/cli/plan_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kilter::cli {

reconciler::Plan ReadPlanFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read " + path);
  nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) throw std::runtime_error(path + " is not JSON");
  try {
    return reconciler::PlanFromJson(doc);
  } catch (const reconciler::PlanError& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace kilter::cli
