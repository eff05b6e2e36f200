#include "reconciler/secrets/secret_key.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "reconciler/transport/digest.h"

namespace kilter::reconciler {

namespace {

constexpr char kEnvKey[] = "KILTER_SECRET_KEY";

std::string Trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

/// Writes a fresh key with O_EXCL, so two first runs at once keep one key.
void CreateKeyFile(const std::string& path) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) return;
  if (fd < 0) {
    throw std::runtime_error(
        fmt::format("cannot create the secret key file {}: {}", path, std::strerror(errno)));
  }
  std::string text = Hex(RandomBytes(32)) + "\n";
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    throw std::runtime_error("cannot write the secret key file " + path);
  }
}

}  // namespace

SecretKey::SecretKey(std::string bytes) : bytes_(std::move(bytes)) {
  if (bytes_.size() < kMinBytes) {
    throw std::runtime_error(
        fmt::format("the secret key has {} bytes, fewer "
                    "than {}: make one with `openssl rand "
                    "-hex 32`",
                    bytes_.size(), kMinBytes));
  }
  id_ = Hex(HmacSha256(bytes_, "kilter secret key id")).substr(0, 16);
}

std::string SecretKey::Fingerprint(std::string_view context, std::string_view value) const {
  std::string message(context);
  message += '\0';
  message += value;
  return fmt::format("hmac-sha256:{}:{}", id_, Hex(HmacSha256(bytes_, message)));
}

std::string UserStateDir() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state && *state) return std::string(state) + "/kilter";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.local/state/kilter";
  return "";
}

std::string SecretKeyPath() {
  std::string dir = UserStateDir();
  return dir.empty() ? "" : dir + "/secret.key";
}

SecretKey LoadSecretKey() {
  if (const char* env = std::getenv(kEnvKey); env && *env) {
    try {
      return SecretKey(Trimmed(env));
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(fmt::format("{}: {}", kEnvKey, e.what()));
    }
  }
  std::string path = SecretKeyPath();
  if (path.empty()) {
    throw std::runtime_error(
        fmt::format("the specs read secrets, and kilter needs a key to "
                    "fingerprint them: set {} (or HOME)",
                    kEnvKey));
  }
  CreateKeyFile(path);
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read the secret key file " + path);
  try {
    return SecretKey(Trimmed(text.str()));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(fmt::format("{}: {}", path, e.what()));
  }
}

}  // namespace kilter::reconciler
