#include "reconciler/providers/kit/secret_file.h"

#include <sstream>

#include <fmt/format.h>

#include "reconciler/providers/kit/digest.h"
#include "reconciler/transport/shell_quote.h"

namespace kilter::reconciler::kit {

std::string SecretFileCommand(const std::string& path) {
  std::string p = ShellQuote(path);
  return fmt::format("if [ -e {0} ]; then stat -L -c '%a %U' {0} && sha256sum < {0}; fi", p);
}

SecretFileRead ParseSecretFile(const std::string& out, const std::string& declared) {
  SecretFileRead read;
  std::istringstream words(out);
  std::string digest;
  if (words >> read.mode >> read.owner >> digest) {
    read.exists = true;
    read.same = !declared.empty() && digest == Sha256Hex(declared);
  }
  return read;
}

}  // namespace kilter::reconciler::kit
