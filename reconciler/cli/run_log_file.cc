#include "reconciler/cli/run_log_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace kilter::cli {

void AppendLine(const std::string& path, std::string_view line) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw std::runtime_error(
        fmt::format("cannot open the run log {}: {}", path, std::strerror(errno)));
  }
  std::string text(line);
  text += '\n';
  ssize_t written = ::write(fd, text.data(), text.size());
  int write_errno = errno;
  int closed = ::close(fd);
  if (written < 0) {
    throw std::runtime_error(
        fmt::format("cannot write the run log {}: {}", path, std::strerror(write_errno)));
  }
  if (static_cast<size_t>(written) != text.size()) {
    throw std::runtime_error(fmt::format("the run log {} took {} of the line's {} bytes", path,
                                         written, text.size()));
  }
  if (closed != 0) {
    throw std::runtime_error(
        fmt::format("cannot write the run log {}: {}", path, std::strerror(errno)));
  }
}

void AppendRunLog(const Args& args, const reconciler::Plan& report, const reconciler::RunInfo& run,
                  const reconciler::ApplyErrors& apply_errors) {
  if (!args.Has("log")) return;
  AppendLine(args.Get("log"), reconciler::RunLogLine(report, run, apply_errors)
                                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace kilter::cli
