#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "reconciler/plan/plan.h"

/// `kilter report merge`: the plans (or drift reports) of every shard of one
/// run, joined into the document an unsharded run would have made.
namespace kilter::reconciler {

/// One shard's plan and the file it came from, which messages name.
struct ShardReport {
  std::string file;
  Plan plan;
};

/// Shards that do not make up one run. what() lists every problem found, one
/// a line, each naming the files, shards or hosts concerned.
class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Joins `reports`: hosts in inventory order, suppressed drift in the order
/// of the suppressions, expired suppressions once, `created` the earliest
/// read, no shard. Throws MergeError when a report is not a shard; when they
/// mix plans with drift reports or shard counts; when a shard is missing,
/// given twice or holds a host of another shard, or a host is in two files;
/// when they were made from different specs.
Plan MergeShards(const std::vector<ShardReport>& reports);

}  // namespace kilter::reconciler
