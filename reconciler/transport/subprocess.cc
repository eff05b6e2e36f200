#include "reconciler/transport/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

extern char** environ;

namespace kilter::reconciler {
namespace {

using Clock = std::chrono::steady_clock;

/// How long output is still collected after a timeout kill: long enough for
/// the dying group to flush, short enough that a process that escaped the
/// group (and holds the pipe) cannot stall the run.
constexpr auto kKillGrace = std::chrono::milliseconds(500);

[[noreturn]] void Fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

/// Owns a file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept {
    reset(other.release());
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

Pipe MakePipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) Fail("pipe2");
  return {Fd(fds[0]), Fd(fds[1])};
}

/// Blocks SIGPIPE in this thread while it writes to a child's stdin, so a
/// child that exits without reading gives EPIPE instead of killing kilter,
/// and swallows the signal that write left pending.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeGuard() {
    timespec zero{};
    while (sigtimedwait(&pipe_, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

 private:
  sigset_t pipe_;
  sigset_t old_;
};

/// Starts the child; returns its pid, or -errno when exec failed.
pid_t Spawn(const std::vector<std::string>& argv, int in, int out, int err) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in >= 0) {
    posix_spawn_file_actions_adddup2(&actions, in, 0);
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, out, 1);
  posix_spawn_file_actions_adddup2(&actions, err, 2);

  // A process group of its own, so a timeout kills the command's children
  // too; signal mask and dispositions reset, since kilter may block or ignore
  // SIGPIPE and an inherited ignore would break pipelines in the child.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigmask(&attr, &empty);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return rc == 0 ? pid : -rc;
}

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

/// Reads what is available; false at end of file.
bool Drain(int fd, std::string& into) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      into.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    if (errno == EAGAIN) return true;
    return false;
  }
}

}  // namespace

CommandResult RunProcess(const std::vector<std::string>& argv, const std::string& stdin_data,
                         std::chrono::milliseconds timeout) {
  CommandResult result;
  if (argv.empty() || argv[0].empty()) {
    result.exit_code = 127;
    result.err = "kilter: empty command\n";
    return result;
  }
  SigpipeGuard sigpipe;
  Pipe in;
  if (!stdin_data.empty()) in = MakePipe();
  Pipe out = MakePipe();
  Pipe err = MakePipe();

  pid_t pid = Spawn(argv, in.read.get(), out.write.get(), err.write.get());
  if (pid < 0) {
    result.exit_code = -pid == ENOENT ? 127 : 126;
    result.err = "kilter: cannot run " + argv[0] + ": " + std::strerror(-pid) + "\n";
    return result;
  }
  in.read.reset();
  out.write.reset();
  err.write.reset();
  // glibc 2.36 declares pidfd_open without C linkage, so call it directly.
  Fd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (pidfd.get() < 0) Fail("pidfd_open");
  for (int fd : {in.write.get(), out.read.get(), err.read.get()}) {
    if (fd >= 0) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  }

  size_t written = 0;
  bool exited = false;
  bool timed_out = false;
  int status = 0;
  auto deadline = Clock::now() + timeout;
  while (out.read.get() >= 0 || err.read.get() >= 0 || !exited) {
    pollfd fds[4];
    nfds_t n = 0;
    auto watch = [&](int fd, short events) {
      if (fd >= 0) fds[n++] = {fd, events, 0};
    };
    watch(out.read.get(), POLLIN);
    watch(err.read.get(), POLLIN);
    watch(in.write.get(), POLLOUT);
    if (!exited) watch(pidfd.get(), POLLIN);

    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      if (timed_out) break;  // the grace after the kill is over
      timed_out = true;
      ::kill(-pid, SIGKILL);
      deadline = Clock::now() + kKillGrace;
      continue;
    }
    int ready = ::poll(fds, n, static_cast<int>(left.count()) + 1);
    if (ready < 0 && errno != EINTR) Fail("poll");
    if (ready <= 0) continue;

    if (out.read.get() >= 0 && !Drain(out.read.get(), result.out)) out.read.reset();
    if (err.read.get() >= 0 && !Drain(err.read.get(), result.err)) err.read.reset();
    if (in.write.get() >= 0) {
      ssize_t w = ::write(in.write.get(), stdin_data.data() + written, stdin_data.size() - written);
      if (w > 0) written += static_cast<size_t>(w);
      // A child that stopped reading (EPIPE) just doesn't get the rest.
      if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == stdin_data.size()) {
        in.write.reset();
      }
    }
    if (!exited && ::waitpid(pid, &status, WNOHANG) == pid) exited = true;
  }
  if (!exited) {
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  result.exit_code = timed_out ? 124 : DecodeStatus(status);
  return result;
}

}  // namespace kilter::reconciler
