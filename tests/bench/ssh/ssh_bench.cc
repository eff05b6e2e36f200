// Drives the SSH transport for tests/bench/ssh/run.sh.
//
//   kilter_ssh_bench HOST PORT USER IDENTITY KNOWN_HOSTS FILE...
//     reads and stats each FILE over one connection, as a no-op plan of
//     `file` resources would: one ReadFile and one Stat per file.
//   kilter_ssh_bench --round-trips N HOST PORT USER IDENTITY KNOWN_HOSTS
//     times N calls that start no process on the host (Stat of a missing
//     path runs only shell builtins): the transport's own cost per call.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "reconciler/transport/transport.h"

namespace {

using Clock = std::chrono::steady_clock;

int ReadAll(kilter::reconciler::Transport& transport, char** files, int count) {
  size_t bytes = 0;
  for (int i = 0; i < count; ++i) {
    auto content = transport.ReadFile(files[i]);
    auto stat = transport.Stat(files[i]);
    if (!content || !stat) {
      std::fprintf(stderr, "bench: %s is missing\n", files[i]);
      return 1;
    }
    bytes += content->size() + stat->owner.size();
  }
  std::printf("%zu\n", bytes);
  return 0;
}

int RoundTrips(kilter::reconciler::Transport& transport, int count) {
  std::vector<double> micros;
  for (int i = 0; i < count; ++i) {
    auto start = Clock::now();
    if (transport.Stat("/nonexistent/kilter-bench")) return 1;
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::sort(micros.begin(), micros.end());
  std::printf("round trip over the transport (no process started): median %.0f us, "
              "p90 %.0f us over %d calls\n",
              micros[micros.size() / 2], micros[micros.size() * 9 / 10], count);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int round_trips = 0;
  if (argc > 2 && std::strcmp(argv[1], "--round-trips") == 0) {
    round_trips = std::max(1, std::atoi(argv[2]));
    argv += 2;
    argc -= 2;
  }
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s [--round-trips N] HOST PORT USER IDENTITY KNOWN_HOSTS FILE...\n",
                 argv[0]);
    return 1;
  }
  kilter::catalog::Host host;
  host.name = "bench";
  host.address = argv[1];
  host.port = std::stoi(argv[2]);
  host.user = argv[3];
  host.identity = argv[4];
  kilter::reconciler::TransportOptions options;
  options.known_hosts = argv[5];
  try {
    auto transport = kilter::reconciler::Connect(host, options);
    return round_trips ? RoundTrips(*transport, round_trips) : ReadAll(*transport, argv + 6, argc - 6);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench: %s\n", e.what());
    return 1;
  }
}
