#include "reconciler/providers/kit/file_diff.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace kilter::reconciler::kit {

namespace {

/// Past this many edits the Myers trace (O(D^2) memory) costs more than the
/// answer is worth: texts that different are shown as replaced whole.
constexpr int kMaxEdits = 1000;

struct Line {
  std::string_view text;  ///< without its newline
  bool newline = true;
  bool operator==(const Line& o) const { return text == o.text && newline == o.newline; }
};

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back({text.substr(start), false});
      break;
    }
    lines.push_back({text.substr(start, nl - start), true});
    start = nl + 1;
  }
  return lines;
}

enum class Op { kKeep, kRemove, kAdd };

struct Edit {
  Op op;
  int a;  ///< index in the old lines (kKeep, kRemove)
  int b;  ///< index in the new lines (kKeep, kAdd)
};

/// Myers' O(ND) shortest edit script between a[lo_a, hi_a) and b[lo_b, hi_b);
/// false when it needs more than kMaxEdits edits.
bool Myers(const std::vector<Line>& a, const std::vector<Line>& b, int lo_a, int hi_a, int lo_b,
           int hi_b, std::vector<Edit>& out) {
  int n = hi_a - lo_a, m = hi_b - lo_b;
  int max = std::min(n + m, kMaxEdits);
  int offset = max + 1;
  std::vector<int> v(2 * max + 3, 0);
  // trace[d] keeps the diagonals -d..d of v as it was before step d: all the
  // walk back needs, in O(D^2) rather than O(D * (N + M)).
  std::vector<std::vector<int>> trace;
  int found = -1;
  for (int d = 0; d <= max && found < 0; ++d) {
    trace.emplace_back(v.begin() + offset - d - 1, v.begin() + offset + d + 2);
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                              : v[offset + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[lo_a + x] == b[lo_b + y]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return false;
  // Walk the trace back from (n, m) to (0, 0), then reverse.
  std::vector<Edit> rev;
  int x = n, y = m;
  for (int d = found; d > 0; --d) {
    // pv[i] is v[offset + i - d - 1] as it was before step d.
    const std::vector<int>& pv = trace[d];
    auto at = [&](int diagonal) { return pv[diagonal + d + 1]; };
    int k = x - y;
    int prev_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    int prev_x = at(prev_k);
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x, --y;
      rev.push_back({Op::kKeep, lo_a + x, lo_b + y});
    }
    if (x == prev_x) rev.push_back({Op::kAdd, lo_a + x, lo_b + prev_y});
    else rev.push_back({Op::kRemove, lo_a + prev_x, lo_b + y});
    x = prev_x, y = prev_y;
  }
  while (x > 0 && y > 0) {
    --x, --y;
    rev.push_back({Op::kKeep, lo_a + x, lo_b + y});
  }
  out.insert(out.end(), rev.rbegin(), rev.rend());
  return true;
}

std::vector<Edit> EditScript(const std::vector<Line>& a, const std::vector<Line>& b) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  int pre = 0;
  while (pre < n && pre < m && a[pre] == b[pre]) ++pre;
  int suf = 0;
  while (suf < n - pre && suf < m - pre && a[n - 1 - suf] == b[m - 1 - suf]) ++suf;
  std::vector<Edit> edits;
  for (int i = 0; i < pre; ++i) edits.push_back({Op::kKeep, i, i});
  if (!Myers(a, b, pre, n - suf, pre, m - suf, edits)) {
    for (int i = pre; i < n - suf; ++i) edits.push_back({Op::kRemove, i, pre});
    for (int j = pre; j < m - suf; ++j) edits.push_back({Op::kAdd, n - suf, j});
  }
  for (int i = 0; i < suf; ++i) edits.push_back({Op::kKeep, n - suf + i, m - suf + i});
  return edits;
}

std::string Range(int start, int count) {
  // diff -u numbers an empty range by the line before it.
  if (count == 0) return fmt::format("{},0", start);
  if (count == 1) return fmt::format("{}", start + 1);
  return fmt::format("{},{}", start + 1, count);
}

void AppendLine(std::string& out, char mark, const Line& line) {
  out += mark;
  out += line.text;
  out += '\n';
  if (!line.newline) out += "\\ No newline at end of file\n";
}

}  // namespace

std::string UnifiedDiff(std::string_view before, std::string_view after,
                        const std::string& from_label, const std::string& to_label, int context) {
  if (before == after) return "";
  std::vector<Line> a = SplitLines(before), b = SplitLines(after);
  std::vector<Edit> edits = EditScript(a, b);

  std::string out = fmt::format("--- {}\n+++ {}\n", from_label, to_label);
  size_t i = 0;
  while (i < edits.size()) {
    while (i < edits.size() && edits[i].op == Op::kKeep) ++i;
    if (i == edits.size()) break;
    // A hunk: from `context` lines before this change to `context` lines after
    // the last change that is at most 2*context keeps away from the previous.
    size_t begin = i >= static_cast<size_t>(context) ? i - context : 0;
    size_t end = i;
    size_t keeps = 0;
    for (size_t j = i; j < edits.size(); ++j) {
      if (edits[j].op == Op::kKeep) {
        if (++keeps > static_cast<size_t>(2 * context)) break;
      } else {
        keeps = 0;
        end = j + 1;
      }
    }
    size_t stop = std::min(edits.size(), end + context);
    int a_start = edits[begin].a, b_start = edits[begin].b;
    int a_count = 0, b_count = 0;
    for (size_t j = begin; j < stop; ++j) {
      if (edits[j].op != Op::kAdd) ++a_count;
      if (edits[j].op != Op::kRemove) ++b_count;
    }
    out += fmt::format("@@ -{} +{} @@\n", Range(a_start, a_count), Range(b_start, b_count));
    for (size_t j = begin; j < stop; ++j) {
      const Edit& e = edits[j];
      if (e.op == Op::kKeep) AppendLine(out, ' ', a[e.a]);
      else if (e.op == Op::kRemove) AppendLine(out, '-', a[e.a]);
      else AppendLine(out, '+', b[e.b]);
    }
    i = stop;
  }
  return out;
}

std::string FileDiff(const std::string& path, const std::optional<std::string>& before,
                     const std::optional<std::string>& after) {
  return UnifiedDiff(before.value_or(""), after.value_or(""), before ? path : "/dev/null",
                     after ? path : "/dev/null");
}

}  // namespace kilter::reconciler::kit
