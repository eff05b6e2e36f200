#include "reconciler/providers/kit/health_probe.h"

#include <regex>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/need_tool.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler::kit {

using nlohmann::json;

namespace {

std::optional<int64_t> OptionalMs(const json& fields, const char* name) {
  if (!fields.contains(name) || fields[name].is_null()) return std::nullopt;
  return fields[name].get<int64_t>();
}

std::string StringOr(const json& fields, const char* name, std::string fallback = "") {
  if (!fields.contains(name) || fields[name].is_null()) return fallback;
  return fields[name].get<std::string>();
}

/// "2.000": the seconds curl and timeout(1) take.
std::string Seconds(int64_t ms) { return fmt::format("{}.{:03}", ms / 1000, ms % 1000); }

/// The line that stops a `kind` probe when `command` is missing; `setting`
/// names the provider setting that can point at it ("": none).
std::string NeedTool(const std::string& command, const std::string& tool,
                     const std::string& setting, const char* kind) {
  return kit::NeedTool(command, tool, fmt::format("{} health checks run it there", kind),
                       "health.check", setting);
}

/// The loop every probe shares: `run` sets r (the exit code) and w (what
/// the tool printed: the status and seconds) from one attempt, with its
/// stderr in "$e"; `silent` stands in for a w the tool left empty.
std::string Loop(int samples, const std::string& run, const std::string& status,
                 const std::string& silent) {
  return fmt::format(
      "i=0\n"
      "while [ \"$i\" -lt {0} ]; do\n"
      "  i=$((i+1))\n"
      "  {1}\n"
      "  printf 'sample %s {2}%s %s\\n' \"$r\" \"${{w:-{3}}}\" \"$(tr '\\n' '\\t' <\"$e\")\"\n"
      "done\n",
      samples, run, status, silent);
}

std::string HttpScript(const HealthCheck& c, const HealthSettings& s) {
  std::string curl = ShellQuote(s.curl);
  std::string headers;
  for (const auto& [name, value] : c.headers) {
    headers += " -H " + ShellQuote(name + ": " + value);
  }
  if (!c.ca_file.empty()) headers += " --cacert " + ShellQuote(c.ca_file);
  std::string run = fmt::format(
      "w=$({} -sS -o \"$b\" -w '%{{http_code}} %{{time_total}}' --max-time {}{} {} 2>\"$e\"); "
      "r=$?",
      curl, Seconds(c.timeout_ms), headers, ShellQuote(c.target));
  return NeedTool(s.curl, "curl", "curl", "http") +
         "b=$(mktemp) && e=$(mktemp) || exit 1\n"
         "trap 'rm -f \"$b\" \"$e\"' EXIT\n" +
         Loop(c.samples, run, "", "000 0") + "echo body\nhead -c 65536 \"$b\" | tr -d '\\000'\n";
}

/// A bash script run as `bash -c SCRIPT kilter-probe ARGS...` that times
/// `step` with EPOCHREALTIME and prints the seconds it took.
std::string Timed(const std::string& step) {
  return "[ -n \"$EPOCHREALTIME\" ] || { echo 'bash 5 or later is needed (EPOCHREALTIME)' >&2; "
         "exit 126; }; s=${EPOCHREALTIME/[.,]/}; " +
         step +
         " || exit 1; t=${EPOCHREALTIME/[.,]/}; u=$((t-s)); "
         "printf '%d.%06d' $((u/1000000)) $((u%1000000))";
}

std::string TimedScript(const HealthCheck& c, const HealthSettings& s, const std::string& timed,
                        const std::string& args) {
  std::string run = fmt::format(
      "w=$(timeout {0} {1} -c {2} kilter-probe {3} 2>\"$e\"); r=$?; "
      "[ \"$r\" = 124 ] && echo 'no answer within {0} s' >\"$e\"",
      Seconds(c.timeout_ms), ShellQuote(s.bash), ShellQuote(timed), args);
  const char* kind = c.probe == Probe::kTcp ? "tcp" : "tls";
  std::string need = NeedTool(s.bash, "bash", "bash", kind) +
                     NeedTool("timeout", "timeout (coreutils)", "", kind);
  if (c.probe == Probe::kTls) need += NeedTool(s.openssl, "openssl", "openssl", "tls");
  return need +
         "e=$(mktemp) || exit 1\n"
         "trap 'rm -f \"$e\"' EXIT\n" +
         Loop(c.samples, run, "- ", "0");
}

}  // namespace

std::pair<std::string, std::string> SplitHostPort(const std::string& target) {
  size_t colon = target.rfind(':');
  std::string host = target.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return {host, colon == std::string::npos ? "" : target.substr(colon + 1)};
}

HealthCheck HealthCheck::From(const catalog::Resource& resource) {
  const json& f = resource.fields;
  HealthCheck c;
  c.name = resource.name;
  if (!StringOr(f, "http").empty()) {
    c.probe = Probe::kHttp;
    c.target = StringOr(f, "http");
  } else if (!StringOr(f, "tcp").empty()) {
    c.probe = Probe::kTcp;
    c.target = StringOr(f, "tcp");
  } else {
    c.probe = Probe::kTls;
    c.target = StringOr(f, "tls");
  }
  c.server_name = StringOr(f, "server_name", SplitHostPort(c.target).first);
  c.ca_file = StringOr(f, "ca_file");
  if (f.contains("expect_status") && !f["expect_status"].is_null()) {
    c.expect_status = f["expect_status"].get<int>();
  }
  c.expect_body = StringOr(f, "expect_body");
  if (f.contains("headers") && f["headers"].is_object()) {
    for (const auto& [k, v] : f["headers"].items()) c.headers[k] = v.get<std::string>();
  }
  c.max_latency_ms = OptionalMs(f, "max_latency");
  c.max_worst_ms = OptionalMs(f, "max_worst");
  c.samples = f.value("samples", 5);
  c.timeout_ms = f.value("timeout", int64_t{2000});
  if (std::optional<std::string> re = c.BodyRegex()) {
    try {
      std::regex check(*re, std::regex::ECMAScript | std::regex::multiline);
    } catch (const std::regex_error& e) {
      throw std::invalid_argument(
          fmt::format("expect_body /{}/ is not a valid regular expression: {}", *re, e.what()));
    }
  }
  return c;
}

std::string HealthCheck::Describe() const {
  switch (probe) {
    case Probe::kHttp:
      return target;
    case Probe::kTcp:
      return "tcp " + target;
    case Probe::kTls:
      return fmt::format("tls {} as {}", target, server_name);
  }
  return target;
}

std::optional<std::string> HealthCheck::BodyRegex() const {
  if (expect_body.size() >= 2 && expect_body.front() == '/' && expect_body.back() == '/') {
    return expect_body.substr(1, expect_body.size() - 2);
  }
  return std::nullopt;
}

std::string ProbeScript(const HealthCheck& check, const HealthSettings& settings) {
  switch (check.probe) {
    case Probe::kHttp:
      return HttpScript(check, settings);
    case Probe::kTcp: {
      auto [host, port] = SplitHostPort(check.target);
      return TimedScript(check, settings, Timed("exec 3<>\"/dev/tcp/$1/$2\""),
                         ShellQuote(host) + " " + ShellQuote(port));
    }
    case Probe::kTls: {
      std::string ca = check.ca_file.empty() ? "" : " -CAfile \"$3\"";
      std::string step = fmt::format(
          "m=$(\"$4\" s_client -connect \"$1\" -servername \"$2\" -verify_hostname \"$2\" "
          "-verify_return_error{} -brief </dev/null 2>&1 >/dev/null) || {{ printf '%s\\n' \"$m\" "
          ">&2; false; }}",
          ca);
      return TimedScript(check, settings, Timed(step),
                         ShellQuote(check.target) + " " + ShellQuote(check.server_name) + " " +
                             ShellQuote(check.ca_file.empty() ? "-" : check.ca_file) + " " +
                             ShellQuote(settings.openssl));
    }
  }
  return "";
}

std::string RetriedProbeScript(const HealthCheck& check, const HealthSettings& settings,
                               int attempts, int64_t interval_ms) {
  std::string passed = check.probe == Probe::kHttp
                           ? fmt::format("sample 0 {} ", check.expect_status)
                           : std::string("sample 0 - ");
  return fmt::format(
      "a=0\n"
      "while :; do\n"
      "  a=$((a+1))\n"
      "  out=$(sh -c {0}); rc=$?\n"
      "  [ \"$rc\" = 0 ] || {{ printf '%s\\n' \"$out\"; exit \"$rc\"; }}\n"
      "  case \"$out\" in {1}*) break ;; esac\n"
      "  [ \"$a\" -ge {2} ] && break\n"
      "  sleep {3}\n"
      "done\n"
      "printf '%s\\n' \"$out\"\n",
      ShellQuote(ProbeScript(check, settings)), ShellQuote(passed), attempts,
      Seconds(interval_ms));
}

}  // namespace kilter::reconciler::kit
