#include "reconciler/providers/kit/nginx_apply.h"

#include <fmt/format.h>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::kit {

namespace {

CommandResult Shell(Transport& transport, std::string script) {
  Command command;
  command.shell = std::move(script);
  return transport.Run(command);
}

std::vector<FileWrite> Reversed(const std::vector<FileWrite>& writes) {
  std::vector<FileWrite> back;
  for (size_t i = writes.size(); i-- > 0;) {
    back.push_back({writes[i].path, writes[i].before, writes[i].content});
  }
  return back;
}

}  // namespace

std::string NginxReloadScript(const std::string& nginx) {
  // Workers that serve are titled "nginx: worker process"; old ones finishing
  // their requests add "is shutting down". The reload took effect when
  // workers serve and none of them existed before it. (Counting workers is
  // no test: right after another reload, the old generation has not yet
  // retitled itself and would be counted as serving.) A reload nginx refuses
  // (a listen address another process holds) keeps the old workers and says
  // why in its error log as [emerg]: read from the log's size before the
  // reload, those words fail the reload at once.
  return fmt::format(R"sh(N={0}
conf=$($N -T 2>/dev/null)
pidfile=$(printf '%s\n' "$conf" | sed -n 's/^[[:space:]]*pid[[:space:]][[:space:]]*\([^;]*\);.*/\1/p' | head -n 1)
[ -n "$pidfile" ] || pidfile=$($N -V 2>&1 | sed -n 's/.*--pid-path=\([^ ]*\).*/\1/p')
log=$(printf '%s\n' "$conf" | sed -n 's/^[[:space:]]*error_log[[:space:]][[:space:]]*\([^ ;]*\).*/\1/p' | head -n 1)
[ -n "$log" ] || log=$($N -V 2>&1 | sed -n 's/.*--error-log-path=\([^ ]*\).*/\1/p')
case "$log" in /*) [ -f "$log" ] || log= ;; *) log= ;; esac
[ -s "$pidfile" ] || {{ echo "nginx is not running: no pid file ($pidfile)"; exit 2; }}
master=$(cat "$pidfile")
offset=0
[ -z "$log" ] || offset=$(wc -c < "$log")
serving() {{
  for p in $(pgrep -P "$master"); do
    case "$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null)" in
      *"worker process is shutting down"*) ;;
      *"worker process"*) echo "$p" ;;
    esac
  done
}}
refused() {{
  [ -n "$log" ] || return 1
  tail -c +$((offset + 1)) "$log" 2>/dev/null | grep -E '\[(emerg|alert)\]' | tail -n 5 | grep .
}}
before=" $(pgrep -P "$master" | tr '\n' ' ')"
said=$($N -s reload 2>&1) || {{ echo "$said"; exit 3; }}
i=0
while [ $i -lt 400 ]; do
  if words=$(refused); then echo "nginx refused the reload ($log): $words"; exit 5; fi
  new=0 old=0
  for p in $(serving); do
    case "$before" in *" $p "*) old=$((old + 1)) ;; *) new=$((new + 1)) ;; esac
  done
  if [ $old -eq 0 ] && [ $new -ge 1 ]; then
    if words=$(refused); then echo "nginx refused the reload ($log): $words"; exit 5; fi
    exit 0
  fi
  i=$((i + 1))
  sleep 0.05
done
echo "nginx -s reload exited 0, but no worker runs the new configuration (master $master; workers before:$before; serving now: $(serving | tr '\n' ' '); see nginx's error log ${{log:-(not a file)}})"
exit 4
)sh",
                     ShellQuote(nginx));
}

std::string NginxReload(Transport& transport, const std::string& nginx) {
  CommandResult r = Shell(transport, NginxReloadScript(nginx));
  return r.ok() ? "" : r.Said();
}

void ApplyNginxFiles(Transport& transport, const std::string& nginx, const std::string& who,
                     const std::vector<FileWrite>& writes) {
  try {
    WriteAll(transport, writes);
  } catch (const std::exception& e) {
    throw ProviderError(fmt::format("{}: writing nginx's files failed: {}", who, e.what()));
  }
  CommandResult test = Shell(transport, nginx + " -t");
  if (!test.ok()) {
    std::string back = "the previous files were restored";
    try {
      WriteAll(transport, Reversed(writes));
    } catch (const std::exception& e) {
      back = fmt::format("putting the previous files back failed ({})", e.what());
    }
    throw ProviderError(
        fmt::format("{}: nginx -t rejected the new configuration; {}: {}", who, back, test.Said()));
  }
  std::string failed = NginxReload(transport, nginx);
  if (failed.empty()) return;
  std::string after;
  try {
    WriteAll(transport, Reversed(writes));
    std::string again = NginxReload(transport, nginx);
    after = again.empty() ? "the previous files were restored and nginx serves them"
                          : "the previous files were restored, but reloading them did not take "
                            "effect either: " +
                                again;
  } catch (const std::exception& e) {
    after = fmt::format("putting the previous files back failed ({})", e.what());
  }
  throw ProviderError(
      fmt::format("{}: the reload did not take effect: {}; {}", who, failed, after));
}

std::string RestoreNginxFiles(Transport& transport, const std::string& nginx,
                              const std::vector<FileWrite>& writes) {
  try {
    WriteAll(transport, Reversed(writes));
  } catch (const std::exception& e) {
    return fmt::format("putting the files back failed: {}", e.what());
  }
  return NginxReload(transport, nginx);
}

}  // namespace kilter::reconciler::kit
