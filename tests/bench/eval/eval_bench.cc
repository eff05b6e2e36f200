// Evaluation benchmark: generates N resources across the resource types of the
// reference stack whose schema is in the stdlib, 100 per file, on 500 hosts
// (in memory), then runs Evaluate (parse, imports, evaluation, type check,
// schema checks, linking) several times and prints the CPU time of the first
// and the best run and the peak RSS.
//
//   kilter_eval_bench [RESOURCES [RUNS]]      default 10000 5
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "compiler/sema/evaluator.h"
#include "stdlib/stdlib.h"

namespace {

using namespace kilter::compiler;

double CpuMillis() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

std::string Web(int i) {
  char name[16];
  std::snprintf(name, sizeof name, "web%03d", i % 400 + 1);
  return name;
}

std::string Db(int i) {
  char name[16];
  std::snprintf(name, sizeof name, "db%03d", i % 100 + 1);
  return name;
}

/// One resource of each type, valid and typical of the reference estate.
const std::map<std::string, std::function<std::string(int)>> kGenerators = {
    {"php.opcache",
     [](int k) {
       return "php.opcache \"pool" + std::to_string(k) + "\" on " + Web(k) +
              " {\n  memory_consumption = opcache_mem\n  interned_strings_buffer = 16MiB\n"
              "  max_accelerated_files = 20000\n  validate_timestamps = env != \"prod\"\n"
              "  revalidate_freq = 60s\n}\n";
     }},
    {"mysql.index",
     [](int k) {
       std::string n = std::to_string(k);
       return "mysql.index \"oc_table" + std::to_string(k % 50) + "_col" + n + "\" on " + Db(k) +
              " {\n  database = \"opencart\"\n  table = \"oc_table" + std::to_string(k % 50) +
              "\"\n  columns = [\"col" + n + "\", \"date_added DESC\"]\n}\n";
     }},
    {"firewall.rule",
     [](int k) {
       return "firewall.rule \"allow-" + std::to_string(k) + "\" on " + Web(k) +
              " {\n  chain = \"input\"\n  proto = \"tcp\"\n  dport = " +
              std::to_string(1024 + k % 60000) + "\n  saddr = 10." + std::to_string(k / 256 % 256) +
              "." + std::to_string(k % 256) + ".0/24\n  action = \"accept\"\n}\n";
     }},
    {"bluegreen.service",
     [](int k) {
       std::string n = std::to_string(k);
       return "bluegreen.service \"app" + n + "\" on " + Web(k) +
              " {\n  slots = { blue = [\"127.0.0.1:" + std::to_string(20000 + k % 20000) +
              "\"], green = [\"127.0.0.1:" + std::to_string(40000 + k % 20000) +
              "\"] }\n  active = \"blue\"\n  health = { path = \"/health\", timeout = 2s }\n}\n";
     }},
    {"backup.policy",
     [](int k) {
       std::string n = std::to_string(k);
       return "backup.policy \"db" + n + "\" on " + Db(k) + " {\n  source = { mysql = \"shop" + n +
              "\" }\n  repository = \"/var/backups/restic/shop" + n +
              "\"\n  password_file = \"/etc/kilter/restic.pass\"\n  schedule = \"" +
              std::to_string(k % 60) + " 2 * * *\"\n  keep = { daily = 7, weekly = 4 }\n}\n";
     }},
};

/// The generated files, served from memory.
class Reader : public SourceReader {
 public:
  std::map<std::string, std::string> files;
  bool Read(const std::string& path, std::string& text, std::string& error) override {
    auto it = files.find(path);
    if (it == files.end()) {
      error = "no such file";
      return false;
    }
    text = it->second;
    return true;
  }
};

bool HasSchema(const std::string& type) {
  for (const kilter::stdlib::EmbeddedFile& f : kilter::stdlib::Files()) {
    if (f.text.find("schema " + type + " ") != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  int count = argc > 1 ? std::atoi(argv[1]) : 10000;
  std::vector<std::string> types;
  for (const auto& [type, generate] : kGenerators) {
    if (HasSchema(type)) types.push_back(type);
  }
  Inventory inventory;
  for (int h = 0; h < 400; ++h)
    inventory.hosts.push_back({Web(h), "10.1.0.1", "", 22, "ssh", "", {}});
  for (int h = 0; h < 100; ++h)
    inventory.hosts.push_back({Db(h), "10.2.0.1", "", 22, "ssh", "", {}});
  Reader reader;
  EvalInput input;
  input.inventory = &inventory;
  std::string header =
      "param env: string = \"prod\"\nlet opcache_mem = env == \"prod\" ? 256MiB : 128MiB\n\n";
  for (int i = 0; i < count; ++i) {
    std::string path = "estate_" + std::to_string(i / 100) + ".kilt";
    if (i % 100 == 0) {
      input.roots.push_back(path);
      reader.files[path] = header;
    }
    const std::string& type = types[static_cast<size_t>(i) % types.size()];
    reader.files[path] += kGenerators.at(type)(i / static_cast<int>(types.size())) + "\n";
  }

  const int kRuns = argc > 2 ? std::atoi(argv[2]) : 5;
  double first = 0, best = 1e18;
  for (int run = 0; run < kRuns; ++run) {
    SourceManager sources;
    Diagnostics diags;
    double t0 = CpuMillis();
    std::vector<EvaluatedResource> resources = Evaluate(input, sources, reader, diags);
    double t1 = CpuMillis();
    if (diags.has_errors() || resources.size() != static_cast<size_t>(count)) {
      std::fprintf(stderr,
                   "the generated specs did not evaluate cleanly: %zu errors, %zu resources\n",
                   diags.error_count(), resources.size());
      for (const Diagnostic& d : diags.all())
        std::fprintf(stderr, "  %s %s\n", d.code.c_str(), d.message.c_str());
      return 1;
    }
    if (run == 0) first = t1 - t0;
    best = std::min(best, t1 - t0);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::string names;
  for (const std::string& t : types) names += " " + t;
  std::printf("%d resources of %zu types (%s), %zu files\n", count, types.size(), names.c_str() + 1,
              input.roots.size());
  std::printf("parse + evaluate + check: first %.1f ms, best %.1f ms (CPU)\n", first, best);
  std::printf("peak RSS: %.1f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
