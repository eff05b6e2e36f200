#include "reconciler/providers/kit/need_tool.h"

#include <fmt/format.h>

#include "reconciler/transport/transport.h"

namespace kilter::reconciler::kit {

std::string NeedTool(const std::string& command, const std::string& tool, const std::string& why,
                     const std::string& type, const std::string& setting) {
  std::string how = setting.empty()
                        ? "install it"
                        : "install it, or set [providers.\\\"" + type + "\\\"] " + setting;
  return fmt::format(
      "command -v {0} >/dev/null 2>&1 || {{ echo \"{1} ({0}) is not installed on this host: "
      "{2} ({3})\" >&2; exit 127; }}\n",
      ShellQuote(command), tool, why, how);
}

}  // namespace kilter::reconciler::kit
