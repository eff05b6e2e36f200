#include "reconciler/apply/lock.h"

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "reconciler/plan/plan.h"
#include "reconciler/transport/shell_quote.h"

namespace kilter::reconciler {

using nlohmann::json;

json LockHolder::ToJson() const {
  return {{"user", user},       {"machine", machine}, {"pid", pid},
          {"pid_start", pid_start}, {"started", started}, {"run_id", run_id}};
}

LockHolder LockHolder::FromJson(const json& j) {
  return {j.at("user").get<std::string>(),      j.at("machine").get<std::string>(),
          j.at("pid").get<long>(),              j.at("pid_start").get<std::string>(),
          j.at("started").get<std::string>(),   j.at("run_id").get<std::string>()};
}

std::string LockHolder::Describe() const {
  return fmt::format("{}@{} (pid {}, run {}) since {}", user, machine, pid, run_id, started);
}

namespace {

/// "<boot id>:<start ticks>" of a process, or "" when it does not exist.
std::string ProcessStart(long pid) {
  std::ifstream stat(fmt::format("/proc/{}/stat", pid));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  size_t paren = text.rfind(')');
  if (paren == std::string::npos) return "";
  std::istringstream fields(text.substr(paren + 1));
  std::string field;
  // Field 22 (starttime); the first after ')' is field 3.
  for (int i = 3; i <= 22 && fields >> field; ++i) {
  }
  std::ifstream boot("/proc/sys/kernel/random/boot_id");
  std::string boot_id;
  std::getline(boot, boot_id);
  return boot_id + ":" + field;
}

std::string MachineName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

std::string UserName() {
  if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
  if (const char* user = std::getenv("USER")) return user;
  return std::to_string(geteuid());
}

}  // namespace

LockHolder CurrentHolder(const std::string& run_id) {
  return {UserName(), MachineName(), static_cast<long>(getpid()), ProcessStart(getpid()), NowUtc(),
          run_id};
}

bool ProcessAlive(long pid, const std::string& pid_start) {
  if (pid <= 0) return false;
  if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return false;
  return pid_start.empty() || ProcessStart(pid) == pid_start;
}

std::string NewRunId() {
  std::random_device rd;
  return fmt::format("{:08x}{:08x}", rd(), rd());
}

namespace {

// stdout: "acquired", or "held" + the lock's content, its mtime and the
// host's clock (seconds), so the heartbeat age never depends on clock skew
// between this machine and the host.
constexpr char kAcquire[] = R"(umask 022
mkdir -p {dir} || exit 3
if ( set -C; cat > {dir}/lock ) 2>/dev/null; then echo acquired; exit 0; fi
[ -e {dir}/lock ] || {{ echo "cannot create {dir}/lock" >&2; exit 3; }}
echo held
cat {dir}/lock 2>/dev/null; echo
stat -c %Y {dir}/lock 2>/dev/null || echo 0
date +%s
)";

// Moves the lock aside, atomically; keeps it only if it is still the stale
// one we judged (a run that took the lock meanwhile gets it back by link,
// which fails rather than overwrite).
constexpr char kTakeOver[] = R"(t={dir}/lock.stale.{run}
mv -f {dir}/lock "$t" 2>/dev/null || exit 0
if grep -q '"run_id":"{old}"' "$t"; then rm -f "$t"; else ln "$t" {dir}/lock 2>/dev/null; rm -f "$t"; fi
)";

constexpr char kRelease[] = R"(grep -q '"run_id":"{run}"' {dir}/lock 2>/dev/null && rm -f {dir}/lock
exit 0
)";

Command Shell(std::string script, std::string stdin_data = "") {
  Command c;
  c.shell = std::move(script);
  c.stdin_data = std::move(stdin_data);
  c.timeout = std::chrono::seconds(30);
  return c;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// Only hex run ids reach a shell script or a grep pattern.
bool SafeRunId(const std::string& id) {
  return !id.empty() && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

HostLock HostLock::Acquire(Transport& transport, const EngineSettings& settings,
                           const LockHolder& me, const DeadCheck& dead) {
  if (!SafeRunId(me.run_id)) throw std::invalid_argument("run id must be hex: " + me.run_id);
  std::string dir = ShellQuote(settings.state_dir);
  std::string lock_path = settings.state_dir + "/lock";
  HostLock lock(nullptr, dir, me.run_id);
  for (int attempt = 0; attempt < 2; ++attempt) {
    CommandResult r =
        transport.Run(Shell(fmt::format(kAcquire, fmt::arg("dir", dir)), me.ToJson().dump() + "\n"));
    if (!r.ok()) {
      throw TransportError(transport.host(), fmt::format("cannot take the lock {}: {}", lock_path,
                                                         r.err.empty() ? r.out : r.err));
    }
    std::vector<std::string> lines = Lines(r.out);
    if (!lines.empty() && lines[0] == "acquired") {
      lock.transport_ = &transport;
      return lock;
    }
    if (lines.size() < 4 || lines[0] != "held") {
      throw TransportError(transport.host(), "unexpected answer taking the lock: " + r.out);
    }
    long long mtime = std::atoll(lines[lines.size() - 2].c_str());
    long long now = std::atoll(lines.back().c_str());
    long long idle = now - mtime;
    std::string content = lines[1];
    LockHolder holder;
    bool parsed = false;
    try {
      holder = LockHolder::FromJson(json::parse(content));
      parsed = SafeRunId(holder.run_id);
    } catch (const std::exception&) {
    }
    bool timed_out = idle * 1000 > settings.lock_timeout.count();
    bool gone = parsed && (dead ? dead(holder, me)
                                : holder.machine == me.machine &&
                                      !ProcessAlive(holder.pid, holder.pid_start));
    if (!(timed_out || gone) || !parsed || attempt > 0) {
      std::string who = parsed ? holder.Describe() : "an unreadable lock record: " + content;
      throw LockHeld(fmt::format(
          "{}: another apply holds the lock: {} (lock file {}, last touched {}s ago; it is "
          "judged stale after {}s without a heartbeat or when its process is gone)",
          transport.host(), who, lock_path, idle, settings.lock_timeout.count() / 1000));
    }
    lock.took_over_ = holder.Describe();
    transport.Run(Shell(fmt::format(kTakeOver, fmt::arg("dir", dir), fmt::arg("run", me.run_id),
                                    fmt::arg("old", holder.run_id))));
  }
  throw LockHeld(transport.host() + ": could not take the lock " + lock_path);
}

HostLock::HostLock(HostLock&& other) noexcept
    : transport_(other.transport_),
      dir_(std::move(other.dir_)),
      run_id_(std::move(other.run_id_)),
      took_over_(std::move(other.took_over_)) {
  other.transport_ = nullptr;
}

HostLock::~HostLock() {
  try {
    Release();
  } catch (const std::exception&) {
    // A lock that could not be removed is judged stale by the next run.
  }
}

void HostLock::Heartbeat() {
  if (transport_) transport_->Run(Shell(fmt::format("touch {}/lock", dir_)));
}

void HostLock::Release() {
  if (!transport_) return;
  Transport* t = transport_;
  transport_ = nullptr;
  t->Run(Shell(fmt::format(kRelease, fmt::arg("dir", dir_), fmt::arg("run", run_id_))));
}

}  // namespace kilter::reconciler
