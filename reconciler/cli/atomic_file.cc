#include "reconciler/cli/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace kilter::cli {

namespace {

[[noreturn]] void Fail(const std::string& path, const std::string& temp, int fd, int err) {
  if (fd >= 0) ::close(fd);
  if (!temp.empty()) ::unlink(temp.c_str());
  throw std::runtime_error(fmt::format("cannot write {}: {}", path, std::strerror(err)));
}

}  // namespace

void WriteFileAtomically(const std::string& path, std::string_view content) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string temp = fmt::format("{}.{}.kilter-{}", dir, base, ::getpid());
  mode_t mode = 0644;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) Fail(path, temp, -1, errno);
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) Fail(path, temp, fd, errno);
    done += static_cast<size_t>(n);
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) Fail(path, temp, fd, errno);
  if (::close(fd) != 0) Fail(path, temp, -1, errno);
  if (::rename(temp.c_str(), path.c_str()) != 0) Fail(path, temp, -1, errno);
}

void WriteOutput(const std::string& path, std::string_view content) {
  if (path == "-") {
    std::fwrite(content.data(), 1, content.size(), stdout);
    if (std::fflush(stdout) != 0) throw std::runtime_error("cannot write standard output");
    return;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    FILE* out = std::fopen(path.c_str(), "w");
    if (!out) Fail(path, "", -1, errno);
    size_t written = std::fwrite(content.data(), 1, content.size(), out);
    if (std::fclose(out) != 0 || written != content.size()) Fail(path, "", -1, errno);
    return;
  }
  WriteFileAtomically(path, content);
}

}  // namespace kilter::cli
