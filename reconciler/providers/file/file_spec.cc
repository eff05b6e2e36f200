#include "reconciler/providers/file/file_spec.h"

#include <algorithm>

#include <fmt/format.h>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::file {

using nlohmann::json;

std::string ModeText(uint32_t mode) { return fmt::format("{:04o}", mode); }

namespace {

std::string StringField(const catalog::Resource& r, const char* field) {
  if (!r.fields.contains(field) || r.fields.at(field).is_null()) return "";
  const json& v = r.fields.at(field);
  if (!v.is_string()) {
    throw ProviderError(fmt::format("{}: {} must be a string, not {}", r.Address(), field,
                                    v.dump()));
  }
  return v.get<std::string>();
}

uint32_t ParseMode(const catalog::Resource& r) {
  if (!r.fields.contains("mode") || r.fields.at("mode").is_null()) return 0644;
  const json& v = r.fields.at("mode");
  // The schema writes modes as octal strings ("0644"); an integer is read as
  // its octal digits (644), as chmod would.
  std::string digits = v.is_string() ? v.get<std::string>()
                       : v.is_number_integer() ? std::to_string(v.get<long long>())
                                               : "";
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'O')) {
    digits = digits.substr(2);
  }
  if (digits.empty() || digits.size() > 5 ||
      digits.find_first_not_of("01234567") != std::string::npos ||
      std::stoul(digits, nullptr, 8) > 07777) {
    throw ProviderError(fmt::format(
        "{}: mode {} is not octal permission bits such as \"0644\"", r.Address(), v.dump()));
  }
  return static_cast<uint32_t>(std::stoul(digits, nullptr, 8));
}

}  // namespace

FileSpec ParseFileSpec(const catalog::Resource& r) {
  FileSpec spec;
  spec.name = r.name;
  spec.path = StringField(r, "path");
  if (spec.path.empty() || spec.path[0] != '/' || spec.path.back() == '/' ||
      spec.path.find_first_of("\t\n") != std::string::npos) {
    throw ProviderError(fmt::format(
        "{}: path \"{}\" must be an absolute file path without tabs or newlines", r.Address(),
        spec.path));
  }
  spec.content = StringField(r, "content");
  spec.mode = ParseMode(r);
  spec.owner = StringField(r, "owner");
  spec.group = StringField(r, "group");
  spec.sensitive =
      std::find(r.sensitive.begin(), r.sensitive.end(), "content") != r.sensitive.end();
  return spec;
}

}  // namespace kilter::reconciler::file
