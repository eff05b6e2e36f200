#include "reconciler/providers/kit/cron_file.h"

#include <fmt/format.h>

#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/transport/transport.h"

namespace kilter::reconciler::kit {

std::string RenderCronFile(const CronJob& job) {
  std::string body = fmt::format(
      "SHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
      "{} {} {} >> {} 2>&1\n",
      job.schedule, job.user, job.command, ShellQuote(job.log));
  return Render({job.type, job.name, job.host, Comment::kHash, "", job.records, body});
}

}  // namespace kilter::reconciler::kit
