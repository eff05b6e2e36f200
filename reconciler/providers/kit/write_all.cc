#include "reconciler/providers/kit/write_all.h"

#include <stdexcept>

#include <fmt/format.h>

namespace kilter::reconciler::kit {

namespace {

void Put(Transport& transport, const std::string& path, const std::optional<std::string>& content,
         uint32_t mode) {
  if (content) transport.WriteFile(path, *content, WriteOptions{mode, "", ""});
  else transport.Remove(path);
}

}  // namespace

void WriteAll(Transport& transport, const std::vector<FileWrite>& writes, uint32_t mode) {
  for (size_t i = 0; i < writes.size(); ++i) {
    try {
      Put(transport, writes[i].path, writes[i].content, mode);
    } catch (const std::exception& e) {
      std::string failures;
      for (size_t j = i; j-- > 0;) {
        try {
          Put(transport, writes[j].path, writes[j].before, mode);
        } catch (const std::exception& again) {
          failures += fmt::format("; could not put back {}: {}", writes[j].path, again.what());
        }
      }
      throw std::runtime_error(e.what() + failures);
    }
  }
}

}  // namespace kilter::reconciler::kit
