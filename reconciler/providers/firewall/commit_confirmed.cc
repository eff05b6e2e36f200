#include "reconciler/providers/firewall/commit_confirmed.h"

#include <algorithm>
#include <thread>

#include <fmt/format.h>

namespace kilter::reconciler::firewall {

namespace {

using Clock = std::chrono::steady_clock;

std::string Quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// The files of one table's rollback: DIR/FAMILY-NAME.{rollback.sh,saved.nft,pid,fired}.
std::string Base(const ConfirmedApply& a) {
  std::string name = a.table;
  std::replace(name.begin(), name.end(), ' ', '-');
  return a.dir + "/" + name;
}

Command Shell(std::string line, std::string stdin_data = {},
              std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  Command c;
  c.shell = std::move(line);
  c.stdin_data = std::move(stdin_data);
  c.timeout = timeout;
  return c;
}

/// After a failed confirmation: wait for the armed rollback to fire, then
/// look over a new connection whether it did.
[[noreturn]] void AwaitRollback(const ProviderContext& context, const ConfirmedApply& a,
                                Clock::time_point deadline, const std::string& why) {
  std::string host = context.host.name;
  std::this_thread::sleep_until(deadline + std::chrono::seconds(3));
  std::string seen;
  for (int attempt = 0; attempt < 3 && seen.empty(); ++attempt) {
    try {
      std::unique_ptr<Transport> t = context.reconnect();
      CommandResult r = t->Run(Shell(fmt::format("cat {}", Quote(Base(a) + ".fired"))));
      seen = r.ok() ? "fired" : "not fired";
    } catch (const std::exception& e) {
      std::this_thread::sleep_for(std::chrono::seconds(2));
    }
  }
  if (seen == "fired") {
    throw ProviderError(fmt::format(
        "{}: the change was rolled back: {}; the rollback armed on the host restored the previous "
        "table {} after {}s, and the host is reachable again",
        host, why, a.table, std::chrono::duration_cast<std::chrono::seconds>(a.timeout).count()));
  }
  throw ProviderError(fmt::format(
      "{}: {}; the rollback armed on the host {} (see {}.fired there); check the host by hand",
      host, why, seen.empty() ? "could not be confirmed: the host is still unreachable" : "did not fire",
      Base(a)));
}

}  // namespace

std::string RollbackScript(const ConfirmedApply& a) {
  const std::string base = Base(a);
  double seconds = std::chrono::duration<double>(a.timeout).count();
  return fmt::format(
      "#!/bin/sh\n"
      "# Armed by kilter apply: restores table {0} unless kilter disarms it.\n"
      "sleep {2:g}\n"
      "{3} -f {1}.saved.nft && date > {1}.fired\n"
      "rm -f {1}.pid\n",
      a.table, Quote(base), seconds, a.nft);
}

std::string ArmAndLoadCommand(const ConfirmedApply& a) {
  const std::string base = Quote(Base(a));
  // The table as it is, or an empty restore when there is none: written
  // from the read when it could be, else listed here.
  std::string save =
      a.restore
          ? fmt::format("head -c {0} > {1}.saved.nft; [ \"$(wc -c < {1}.saved.nft)\" -eq {0} ] "
                        "|| {{ echo 'the restore did not arrive whole' >&2; exit 4; }}",
                        a.restore->size(), base)
          : fmt::format(
                "{{ printf 'table {0} {{}}\\ndelete table {0}\\n'; {1} list table {0} </dev/null "
                "2>{2}.err || grep -q 'No such file or directory' {2}.err; }} > {2}.saved.nft "
                "|| {{ cat {2}.err >&2; exit 4; }}; rm -f {2}.err",
                a.table, a.nft, base);
  // A background job of a shell without job control is no process group
  // leader, so setsid makes it one without forking: $! is the group to kill.
  return fmt::format(
      "set -e; umask 077; mkdir -p {0}; "
      "if [ -s {1}.pid ] && kill -0 \"$(cat {1}.pid)\" 2>/dev/null; then "
      "echo \"a rollback armed earlier is still pending (pid $(cat {1}.pid))\" >&2; exit 3; fi; "
      "rm -f {1}.fired {1}.pid; {2}; printf '%s' {3} > {1}.rollback.sh; "
      "setsid sh {1}.rollback.sh </dev/null >/dev/null 2>&1 & echo $! > {1}.pid; "
      "if ! {4} -f -; then kill -TERM -\"$(cat {1}.pid)\" 2>/dev/null && rm -f {1}.pid; exit {5}; "
      "fi",
      Quote(a.dir), base, save, Quote(RollbackScript(a)), a.nft, kNftRefused);
}

std::string DisarmCommand(const ConfirmedApply& a) {
  const std::string base = Quote(Base(a));
  return fmt::format(
      "if [ -s {0}.pid ] && kill -TERM -\"$(cat {0}.pid)\" 2>/dev/null; then rm -f {0}.pid; "
      "echo disarmed; elif [ -f {0}.fired ]; then echo fired; else echo missing; fi",
      base);
}

void ApplyConfirmed(Transport& transport, const ProviderContext& context,
                    const ConfirmedApply& a) {
  const std::string host = context.host.name;
  CommandResult loaded =
      transport.Run(Shell(ArmAndLoadCommand(a), a.restore.value_or("") + a.script));
  if (loaded.exit_code == kNftRefused) {
    throw ProviderError(
        fmt::format("{}: nft refused the transaction on table {}, nothing changed: {}", host,
                    a.table, loaded.err));
  }
  if (!loaded.ok()) {
    throw ProviderError(fmt::format("{}: could not arm the firewall rollback, nothing changed: {}",
                                    host, loaded.err.empty() ? loaded.out : loaded.err));
  }
  Clock::time_point deadline = Clock::now() + a.timeout;

  std::string why;
  std::string answer;
  try {
    std::unique_ptr<Transport> fresh;
    if (context.reconnect) fresh = context.reconnect();
    Transport& confirm = fresh ? *fresh : transport;
    CommandResult r = confirm.Run(Shell(DisarmCommand(a), {}, std::chrono::seconds(15)));
    if (r.ok()) answer = r.out.substr(0, r.out.find('\n'));
    else why = fmt::format("disarming the rollback failed (exit {}): {}", r.exit_code, r.err);
  } catch (const std::exception& e) {
    why = fmt::format("a fresh connection after the change failed ({})", e.what());
  }
  if (answer == "disarmed") return;
  if (answer == "fired") {
    throw ProviderError(fmt::format(
        "{}: the change was rolled back: the confirmation came after the rollback armed for {}s "
        "had fired",
        host, std::chrono::duration_cast<std::chrono::seconds>(a.timeout).count()));
  }
  if (answer == "missing") {
    throw ProviderError(fmt::format(
        "{}: the rollback armed for table {} disappeared before it was disarmed; the change is "
        "applied but was not confirmed",
        host, a.table));
  }
  if (!context.reconnect) throw ProviderError(fmt::format("{}: {}", host, why));
  AwaitRollback(context, a, deadline, why);
}

}  // namespace kilter::reconciler::firewall
