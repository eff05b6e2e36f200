#include "reconciler/plan/progress.h"

#include <algorithm>
#include <map>
#include <mutex>

#include <fmt/format.h>

namespace kilter::reconciler {

namespace {

class TerminalProgress : public Progress {
 public:
  TerminalProgress(std::FILE* out, std::vector<std::string> hosts, bool color)
      : out_(out), hosts_(std::move(hosts)), color_(color) {
    for (const std::string& h : hosts_) width_ = std::max(width_, h.size());
  }

  void Update(const std::string& host, const std::string& status) override {
    std::lock_guard<std::mutex> lock(mutex_);
    status_[host] = status;
    Draw();
  }

  void Finish() override {
    std::lock_guard<std::mutex> lock(mutex_);
    drawn_ = 0;
  }

 private:
  void Draw() {
    std::string text;
    // Move back to the first host line, then rewrite every line.
    if (drawn_ > 0) text += fmt::format("\x1b[{}A", drawn_);
    for (const std::string& h : hosts_) {
      auto it = status_.find(h);
      std::string status = it == status_.end() ? "waiting" : it->second;
      bool failed = status.rfind("failed", 0) == 0;
      std::string shown = color_ && failed ? "\x1b[31m" + status + "\x1b[0m" : status;
      text += fmt::format("\r\x1b[2K  {:<{}}  {}\n", h, width_, shown);
    }
    drawn_ = hosts_.size();
    std::fputs(text.c_str(), out_);
    std::fflush(out_);
  }

  std::FILE* out_;
  std::vector<std::string> hosts_;
  bool color_;
  size_t width_ = 0;
  size_t drawn_ = 0;
  std::map<std::string, std::string> status_;
  std::mutex mutex_;
};

class LineProgress : public Progress {
 public:
  explicit LineProgress(std::FILE* out) : out_(out) {}
  void Update(const std::string& host, const std::string& status) override {
    std::lock_guard<std::mutex> lock(mutex_);
    fmt::print(out_, "kilter: {}: {}\n", host, status);
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  std::mutex mutex_;
};

}  // namespace

std::unique_ptr<Progress> MakeTerminalProgress(std::FILE* out, std::vector<std::string> hosts,
                                               bool color) {
  return std::make_unique<TerminalProgress>(out, std::move(hosts), color);
}

std::unique_ptr<Progress> MakeLineProgress(std::FILE* out) {
  return std::make_unique<LineProgress>(out);
}

}  // namespace kilter::reconciler
