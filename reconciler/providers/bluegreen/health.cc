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

}  // namespace kilter::reconciler::bluegreen
