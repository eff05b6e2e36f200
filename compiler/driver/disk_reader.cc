#include "compiler/driver/disk_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kilter::compiler {

bool DiskReader::Read(const std::string& path, std::string& text, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    error = S_ISDIR(st.st_mode) ? "is a directory" : std::strerror(errno);
    ::close(fd);
    return false;
  }
  // Size the buffer from fstat and read until EOF, so a file that grows or a
  // special file without a size still reads completely.
  text.resize(static_cast<size_t>(st.st_size) + 1);
  size_t used = 0;
  while (true) {
    if (used == text.size()) text.resize(text.size() * 2 + 4096);
    ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  text.resize(used);
  return true;
}

bool DiskReader::ListDirectory(const std::string& path, std::vector<DirEntry>& entries) {
  std::error_code ec;
  std::filesystem::directory_iterator it(path, ec);
  if (ec) return false;
  for (const auto& entry : it) {
    bool is_dir = entry.is_directory(ec) && !entry.is_symlink(ec);
    entries.push_back({entry.path().filename().string(), is_dir});
  }
  return true;
}

}  // namespace kilter::compiler
