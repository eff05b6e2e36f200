#pragma once

#include <string>

#include "reconciler/plan/plan.h"

/// Renderers: pure functions of a plan (no I/O, no clock), so golden tests
/// pin their output exactly.
namespace kilter::reconciler {

struct TextOptions {
  bool color = false;  ///< ANSI colours (a terminal without NO_COLOR)
};

/// `kilter plan` / `kilter drift` for a terminal or a log: per host, each
/// change as `+ create`, `~ update`, `-/+ replace`, `- delete` with its
/// address, field-by-field before → after and its actions (file diffs in
/// full), then handlers, errors and the summary line.
std::string RenderText(const Plan& plan, const TextOptions& options);

/// Upper bound of RenderMarkdown's output: a GitHub comment holds 65,536.
inline constexpr size_t kMarkdownLimit = 65000;

/// A pull-request comment: summary table first, destructive changes first,
/// one <details> section per host, long diffs cut; always under
/// kMarkdownLimit characters, with a note pointing to the JSON plan when cut.
std::string RenderMarkdown(const Plan& plan);

/// The plan document as `kilter plan --format json` prints it: the same as a
/// saved plan but with the catalog's sensitive values redacted.
std::string RenderJson(const Plan& plan);

/// The Prometheus text exposition format (docs/reconcile.md "Metrics"), for
/// node_exporter's textfile collector: gauges of the run (time, duration),
/// of each host (read or not, drift, suppressed drift, last apply), of each
/// resource read (in sync, and the provider's Change::measures).
std::string RenderPrometheus(const Plan& plan);

/// The one-character-ish marker of a kind: "+", "~", "-/+", "-", " ".
const char* KindMarker(ChangeKind kind);

/// A field value for one line of output: strings quoted, multi-line text
/// summarised as "<N lines, M bytes>", long values cut with "…".
std::string ShortValue(const nlohmann::json& value);

/// KindMarker, or "!" for an unchanged resource with problems.
const char* Marker(const Change& change);

/// Whether a renderer shows a change (something to do, or problems) and a
/// host (a change shown, a handler or an error).
bool Shown(const Change& change);
bool Shown(const HostPlan& host);

/// "shard 1/2: 2 of 5 hosts" for a plan made with --shard; "" without.
std::string ShardText(const Plan& plan);

/// "changed on the host", "the specs changed", "missing on the host", or "".
std::string CauseText(DriftCause cause);

}  // namespace kilter::reconciler
