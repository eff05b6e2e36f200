#pragma once

#include <string>
#include <vector>

#include "reconciler/providers/kit/write_all.h"
#include "reconciler/transport/transport.h"

/// How every nginx type (bluegreen.service, nginx.upstream, ...) changes
/// nginx's configuration: the files a resource owns in nginx's conf are
/// staged, `nginx -t` checks the whole configuration, nginx reloads, and the
/// reload is proven (a new worker generation serves and the error log since
/// the reload holds no [emerg] or [alert] line). A proof that fails puts the
/// previous files back, reloads again, and fails in nginx's own words.
namespace kilter::reconciler::kit {

/// A script: reload nginx (`nginx` is the command, e.g. "nginx -p P -c C"),
/// then wait until only workers started after the reload serve. Exit 0 when
/// they do and the error log since the reload holds no [emerg]/[alert] line;
/// else print what nginx said (those lines, or the workers seen) and exit
/// non-zero. The pid file and error log are found through `nginx -T`.
std::string NginxReloadScript(const std::string& nginx);

/// Runs NginxReloadScript: "" when the reload took, else nginx's words.
std::string NginxReload(Transport& transport, const std::string& nginx);

/// `writes` (all or none, WriteAll), then `nginx -t`, then a proven reload.
/// When `nginx -t` fails, the files are put back (no reload: nginx still
/// runs the old ones) and ProviderError says "WHO: nginx -t rejected the new
/// configuration; the previous files were restored: WORDS". When the reload
/// does not take, the files are put back and nginx reloaded again, and
/// ProviderError says "WHO: the reload did not take effect: WORDS; the
/// previous files were restored and ..." whether that reload took (or that
/// putting them back failed, and why).
void ApplyNginxFiles(Transport& transport, const std::string& nginx, const std::string& who,
                     const std::vector<FileWrite>& writes);

/// Puts back what `writes` replaced (their `before`) and reloads, proven:
/// "" when the previous configuration serves again, else what failed. For a
/// change that must be rolled back after it took (bluegreen's frontend check).
std::string RestoreNginxFiles(Transport& transport, const std::string& nginx,
                              const std::vector<FileWrite>& writes);

}  // namespace kilter::reconciler::kit
