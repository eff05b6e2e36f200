// Parse and format benchmark: generates a spec of N resources across the five
// resource types (in memory), then parses it and formats it several times and
// prints the CPU time of the first and the best run, and the peak RSS.
//
//   kilter_parse_bench [RESOURCES]      default 10000
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/syntax/parser.h"
#include "compiler/syntax/printer.h"

namespace {

using namespace kilter::compiler;

double CpuMillis() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

std::string Resource(int i) {
  std::string n = std::to_string(i);
  switch (i % 5) {
    case 0:
      return "php.opcache \"pool" + n + "\" on web {  # storefront pool\n"
             "  memory_consumption    = " + std::to_string(128 + i % 64) + "MiB\n"
             "  max_accelerated_files = " + std::to_string(10000 + i) + "\n"
             "  validate_timestamps   = env != \"prod\"\n"
             "  revalidate_freq       = 2s\n"
             "  jit                   = \"tracing\"\n}\n";
    case 1:
      return "mysql.index \"idx" + n + "\" on db1 {\n"
             "  database = \"opencart\"\n"
             "  table    = \"oc_product\"\n"
             "  columns  = [\"date_added\", \"status\"]\n"
             "  unique   = false\n}\n";
    case 2:
      return "firewall.rule \"rule" + n + "\" on web + db1 {\n"
             "  chain  = \"input\"\n"
             "  proto  = \"tcp\"\n"
             "  dport  = " + std::to_string(1024 + i % 60000) + "\n"
             "  saddr  = 10." + std::to_string(i % 256) + ".0.0/16\n"
             "  action = \"accept\"\n}\n";
    case 3:
      return "bluegreen.service \"svc" + n + "\" on web {\n"
             "  slots  = [{ name = \"blue\", port = 8001 }, { name = \"green\", port = 8002 }]\n"
             "  active = \"blue\"\n"
             "  health = { path = \"/health\", timeout = 2s, interval = 5s }\n}\n";
    default:
      return "backup.policy \"bk" + n + "\" on db1 {\n"
             "  source     = { mysql = \"shop_${env}\" }\n"
             "  repository = \"/srv/restic/" + n + "\"\n"
             "  schedule   = \"0 3 * * *\"\n"
             "  keep       = { daily = 7, weekly = 4, monthly = 6 }\n}\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  int count = argc > 1 ? std::atoi(argv[1]) : 10000;
  std::string text = "param env: string = \"prod\"\ngroup web = [\"web1\", \"web2\"]\n\n";
  for (int i = 0; i < count; ++i) text += Resource(i) + "\n";
  SourceManager sources;
  const SourceFile& file = sources.Add("bench.kilt", text);

  constexpr int kRuns = 5;
  double first_parse = 0, best_parse = 1e18, best_format = 1e18;
  for (int run = 0; run < kRuns; ++run) {
    Diagnostics diags;
    double t0 = CpuMillis();
    auto ast = Parse(file, diags);
    double t1 = CpuMillis();
    std::string formatted = Format(*ast);
    double t2 = CpuMillis();
    if (diags.has_errors() || ast->body.size() != static_cast<size_t>(count) + 2) {
      std::fprintf(stderr, "the generated spec did not parse cleanly\n");
      return 1;
    }
    if (run == 0) first_parse = t1 - t0;
    best_parse = std::min(best_parse, t1 - t0);
    best_format = std::min(best_format, t2 - t1);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%d resources, %zu bytes, %d runs\n", count, text.size(), kRuns);
  std::printf("parse:  first %.1f ms, best %.1f ms (CPU)\n", first_parse, best_parse);
  std::printf("format: best %.1f ms (CPU)\n", best_format);
  std::printf("peak RSS: %.1f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
