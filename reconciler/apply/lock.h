#pragma once

#include <functional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "reconciler/engine/host_state.h"
#include "reconciler/transport/transport.h"

/// One apply per host at a time: a lock file created with O_EXCL (the shell's
/// `set -C`) under the host's state_dir, holding who took it. See
/// docs/reconcile.md "Locking" for how a lock left by a killed run is judged stale.
namespace kilter::reconciler {

/// Who holds (or wants) a host's lock.
struct LockHolder {
  std::string user;     ///< who ran kilter
  std::string machine;  ///< where kilter ran (not the host it applies to)
  long pid = 0;         ///< kilter's pid on `machine`
  std::string pid_start;  ///< the process start time on `machine`, against pid reuse
  std::string started;    ///< RFC 3339 time the lock was taken
  std::string run_id;

  nlohmann::json ToJson() const;
  /// Throws std::exception when `json` is not a lock record.
  static LockHolder FromJson(const nlohmann::json& json);
  /// "deploy@ci-7 (pid 4242, run 1f2e3d4c) since 2024-05-01T12:00:00Z"
  std::string Describe() const;
};

/// This process as a lock holder.
LockHolder CurrentHolder(const std::string& run_id);

/// True when the process `pid` that started at `pid_start` is still running
/// on this machine (a recycled pid with another start time is not it).
bool ProcessAlive(long pid, const std::string& pid_start);

/// A new random run id (16 hex digits).
std::string NewRunId();

/// Another run holds the lock: the message names it and since when.
class LockHeld : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A held host lock. Release() (or the destructor) removes it, only if it is
/// still this run's.
class HostLock {
 public:
  /// Decides whether a lock's holder is gone: by default, same machine and
  /// !ProcessAlive. Tests replace it.
  using DeadCheck = std::function<bool(const LockHolder& holder, const LockHolder& me)>;

  /// Takes the lock on the host, taking over a stale one. Throws LockHeld when
  /// a live run holds it, TransportError when the host cannot be used.
  static HostLock Acquire(Transport& transport, const EngineSettings& settings,
                          const LockHolder& me, const DeadCheck& dead = nullptr);

  HostLock(HostLock&& other) noexcept;
  HostLock& operator=(HostLock&&) = delete;
  ~HostLock();

  /// Refreshes the lock's mtime: a holder on another machine is judged alive
  /// by it. Called between the steps of an apply.
  void Heartbeat();
  void Release();

  /// What the lock taken over from a dead run said, empty when none was.
  const std::string& took_over() const { return took_over_; }

 private:
  HostLock(Transport* transport, std::string dir, std::string run_id)
      : transport_(transport), dir_(std::move(dir)), run_id_(std::move(run_id)) {}

  Transport* transport_;
  std::string dir_;
  std::string run_id_;
  std::string took_over_;
};

}  // namespace kilter::reconciler
