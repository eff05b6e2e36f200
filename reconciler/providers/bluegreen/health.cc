#include "reconciler/providers/bluegreen/health.h"

#include <fmt/format.h>

#include "reconciler/transport/transport.h"

namespace kilter::reconciler::bluegreen {

namespace {

std::string Seconds(std::chrono::milliseconds ms) {
  return fmt::format("{}.{:03}", ms.count() / 1000, ms.count() % 1000);
}

}  // namespace

std::string HealthScript(const Settings& settings, const Service& s, const std::string& url,
                         const std::vector<std::string>& texts) {
  std::string call =
      fmt::format("check {} {} {} {} {}", ShellQuote(url), s.health.status, s.health.attempts,
                  Seconds(s.health.interval), Seconds(s.health.timeout));
  for (const std::string& text : texts) call += " " + ShellQuote(text);
  return fmt::format(R"sh(export LC_ALL=C
check() {{
  url=$1 want=$2 n=$3 iv=$4 to=$5; shift 5
  b=$(mktemp) || exit 1
  trap 'rm -f "$b"' EXIT
  i=0
  while :; do
    : > "$b"
    code=$({} -s -o "$b" -w '%{{http_code}}' --max-time "$to" "$url" 2>/dev/null)
    ok=1
    [ "$code" = "$want" ] || ok=0
    if [ $ok = 1 ]; then for x in "$@"; do grep -qF -- "$x" "$b" || ok=0; done; fi
    i=$((i+1))
    if [ $ok = 1 ] || [ $i -ge "$n" ]; then break; fi
    sleep "$iv"
  done
  printf '%s ' "${{code:-000}}"; head -c 200 "$b" | tr '\n' ' '
  return $((1 - ok))
}}
{}
)sh",
                     settings.curl, call);
}

std::string ServerUrl(const Service& s, const Server& server) {
  return "http://" + server.address + s.health.path;
}

std::string FrontendUrl(const Service& s) {
  std::string base = s.frontend;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + s.health.path;
}

std::string ReloadAndVerifyScript(const Settings& s) {
  // Workers that serve are titled "nginx: worker process"; old ones finishing
  // their requests add "is shutting down". The reload took effect when
  // workers serve and none of them existed before it. (Counting workers is
  // no test: right after another reload, the old generation has not yet
  // retitled itself and would be counted as serving.)
  return fmt::format(R"sh(N={0}
pidfile=$($N -T 2>/dev/null | sed -n 's/^[[:space:]]*pid[[:space:]][[:space:]]*\([^;]*\);.*/\1/p' | head -n 1)
[ -n "$pidfile" ] || pidfile=$($N -V 2>&1 | sed -n 's/.*--pid-path=\([^ ]*\).*/\1/p')
[ -s "$pidfile" ] || {{ echo "nginx is not running: no pid file ($pidfile)"; exit 2; }}
master=$(cat "$pidfile")
serving() {{
  for p in $(pgrep -P "$master"); do
    case "$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null)" in
      *"worker process is shutting down"*) ;;
      *"worker process"*) echo "$p" ;;
    esac
  done
}}
before=" $(pgrep -P "$master" | tr '\n' ' ')"
$N -s reload 2>&1 || exit 3
i=0
while [ $i -lt 400 ]; do
  new=0 old=0
  for p in $(serving); do
    case "$before" in *" $p "*) old=$((old + 1)) ;; *) new=$((new + 1)) ;; esac
  done
  if [ $old -eq 0 ] && [ $new -ge 1 ]; then exit 0; fi
  i=$((i + 1))
  sleep 0.05
done
echo "nginx -s reload exited 0, but no worker runs the new configuration (master $master; workers before:$before; serving now: $(serving | tr '\n' ' '); see nginx's error log)"
exit 4
)sh",
                     ShellQuote(s.nginx));
}

}  // namespace kilter::reconciler::bluegreen
