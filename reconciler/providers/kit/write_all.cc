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

void WriteAllChecked(Transport& transport, const std::vector<FileWrite>& writes, uint32_t mode,
                     const std::function<void()>& check) {
  WriteAll(transport, writes, mode);
  try {
    check();
  } catch (const std::exception& e) {
    std::vector<FileWrite> back;
    for (size_t i = writes.size(); i-- > 0;) {
      back.push_back({writes[i].path, writes[i].before, writes[i].content});
    }
    try {
      WriteAll(transport, back, mode);
    } catch (const std::exception& again) {
      throw std::runtime_error(fmt::format("{}; putting the files back failed: {}", e.what(),
                                           again.what()));
    }
    throw std::runtime_error(fmt::format("{}; the files were put back", e.what()));
  }
}

}  // namespace kilter::reconciler::kit
