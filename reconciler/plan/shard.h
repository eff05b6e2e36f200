#pragma once

#include <string>

/// `--shard K/N`: a stable share of the inventory's hosts, so N jobs can plan,
/// apply or drift one estate at once and `kilter report merge` can check
/// that their reports cover it (docs/cli.md).
namespace kilter::reconciler {

/// Share `index` of `count` (1 <= index <= count).
struct Shard {
  int index = 1;
  int count = 1;

  /// "2/3", as --shard takes it and messages name it.
  std::string Name() const;
  bool operator==(const Shard&) const = default;
};

/// Parses `--shard` text "K/N". Throws std::invalid_argument saying what
/// --shard takes and quoting `text`.
Shard ParseShard(const std::string& text);

/// The share (1..count) that holds `host`: decided by the host's name alone,
/// never its place in the inventory, so a host stays in its shard for the
/// same count on every run and machine.
int ShardOf(const std::string& host, int count);

/// Whether `shard` holds `host`.
bool InShard(const std::string& host, const Shard& shard);

}  // namespace kilter::reconciler
