#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace kilter::reconciler {

/// Where plan and apply report what each host is doing. Called from the host
/// threads; implementations serialise their output.
class Progress {
 public:
  virtual ~Progress() = default;
  /// Host `host` is now doing `status` ("reading 12 resources", "applying",
  /// "done: 3 changed", "failed").
  virtual void Update(const std::string& host, const std::string& status) = 0;
  /// The run is over: a terminal display leaves its last state on screen.
  virtual void Finish() {}
};

/// Reports nothing (tests, --format json to a pipe that wants no noise).
class NullProgress : public Progress {
 public:
  void Update(const std::string&, const std::string&) override {}
};

/// One line per host, redrawn in place on a terminal.
std::unique_ptr<Progress> MakeTerminalProgress(std::FILE* out, std::vector<std::string> hosts,
                                               bool color);
/// Plain "kilter: HOST: STATUS" lines, for logs and pipes.
std::unique_ptr<Progress> MakeLineProgress(std::FILE* out);

}  // namespace kilter::reconciler
