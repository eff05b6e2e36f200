#include "reconciler/transport/local_transport.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

#include "reconciler/transport/plain_words.h"
#include "reconciler/transport/subprocess.h"

namespace kilter::reconciler {
namespace {

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// Closes a descriptor on every path out of a function.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

std::string UserName(uid_t uid) {
  char buf[4096];
  passwd pw;
  passwd* found = nullptr;
  if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found) return found->pw_name;
  return std::to_string(uid);
}

std::string GroupName(gid_t gid) {
  char buf[4096];
  group gr;
  group* found = nullptr;
  if (getgrgid_r(gid, &gr, buf, sizeof buf, &found) == 0 && found) return found->gr_name;
  return std::to_string(gid);
}

/// -1 when there is no such user.
uid_t LookupUser(const std::string& name) {
  char buf[4096];
  passwd pw;
  passwd* found = nullptr;
  if (getpwnam_r(name.c_str(), &pw, buf, sizeof buf, &found) == 0 && found) return found->pw_uid;
  return static_cast<uid_t>(-1);
}

gid_t LookupGroup(const std::string& name) {
  char buf[4096];
  group gr;
  group* found = nullptr;
  if (getgrnam_r(name.c_str(), &gr, buf, sizeof buf, &found) == 0 && found) return found->gr_gid;
  return static_cast<gid_t>(-1);
}

bool Missing(int error) { return error == ENOENT || error == ENOTDIR; }

}  // namespace

LocalTransport::LocalTransport(std::string host) : host_(std::move(host)) {}

void LocalTransport::Fail(const std::string& what, const std::string& path, int error) const {
  throw TransportError(host_, fmt::format("cannot {} {}: {}", what, path, std::strerror(error)));
}

CommandResult LocalTransport::Run(const Command& command) {
  std::vector<std::string> argv = command.argv;
  if (!command.shell.empty()) {
    // A plain program and its arguments runs without a shell that would
    // only fork it and wait.
    std::optional<std::vector<std::string>> words = PlainWords(command.shell);
    argv = words ? *words : std::vector<std::string>{"/bin/sh", "-c", command.shell};
  }
  try {
    return RunProcess(argv, command.stdin_data, command.timeout);
  } catch (const std::system_error& e) {
    throw TransportError(host_, fmt::format("cannot run {}: {}", command.Display(), e.what()));
  }
}

std::optional<std::string> LocalTransport::ReadFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (Missing(errno)) return std::nullopt;
    Fail("read", path, errno);
  }
  FdCloser closer{fd};
  std::string content;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      content.append(buf, static_cast<size_t>(n));
    } else if (n == 0) {
      return content;
    } else if (errno != EINTR) {
      Fail("read", path, errno);
    }
  }
}

void LocalTransport::WriteFile(const std::string& path, const std::string& content,
                               const WriteOptions& options) {
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
  if (!options.owner.empty() && (uid = LookupUser(options.owner)) == static_cast<uid_t>(-1)) {
    throw TransportError(host_, fmt::format("cannot write {}: no user named {}", path,
                                            options.owner));
  }
  if (!options.group.empty() && (gid = LookupGroup(options.group)) == static_cast<gid_t>(-1)) {
    throw TransportError(host_, fmt::format("cannot write {}: no group named {}", path,
                                            options.group));
  }

  // The temp file lives beside the target so the rename stays on one file
  // system and is atomic; mkstemp creates it 0600, so the content is never
  // readable by others before its final mode is set.
  std::string dir = DirName(path);
  std::string temp = dir + "/." + BaseName(path) + ".kilter-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) Fail("write", path, errno);
  FdCloser closer{fd};
  auto abandon = [&](int error) {
    ::unlink(temp.c_str());
    Fail("write", path, error);
  };
  for (size_t done = 0; done < content.size();) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) abandon(errno);
    done += static_cast<size_t>(n);
  }
  // chown before chmod: changing the owner clears set-user-ID bits.
  if ((uid != static_cast<uid_t>(-1) || gid != static_cast<gid_t>(-1)) &&
      ::fchown(fd, uid, gid) != 0) {
    abandon(errno);
  }
  if (::fchmod(fd, options.mode) != 0) abandon(errno);
  if (::fsync(fd) != 0) abandon(errno);
  if (::rename(temp.c_str(), path.c_str()) != 0) abandon(errno);

  // The rename is durable only once the directory entry is on disk.
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) Fail("sync directory of", path, errno);
  FdCloser dir_closer{dir_fd};
  if (::fsync(dir_fd) != 0) Fail("sync directory of", path, errno);
}

std::optional<FileStat> LocalTransport::Stat(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (Missing(errno)) return std::nullopt;
    Fail("stat", path, errno);
  }
  FileStat result;
  result.mode = st.st_mode & 07777;
  result.owner = UserName(st.st_uid);
  result.group = GroupName(st.st_gid);
  result.size = static_cast<uint64_t>(st.st_size);
  result.is_dir = S_ISDIR(st.st_mode);
  return result;
}

void LocalTransport::Remove(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) Fail("remove", path, errno);
}

}  // namespace kilter::reconciler
