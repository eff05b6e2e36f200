#include "reconciler/transport/digest.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/random.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace kilter::reconciler {

std::string Sha256(std::string_view bytes) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!EVP_Digest(bytes.data(), bytes.size(), out, &len, EVP_sha256(), nullptr)) {
    throw std::runtime_error("SHA-256 failed");
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string Sha1(std::string_view bytes) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!EVP_Digest(bytes.data(), bytes.size(), out, &len, EVP_sha1(), nullptr)) {
    throw std::runtime_error("SHA-1 failed");
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

namespace {

std::string Hmac(const EVP_MD* md, const char* name, std::string_view key,
                 std::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(md, key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &len)) {
    throw std::runtime_error(std::string(name) + " failed");
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

std::string HmacSha1(std::string_view key, std::string_view message) {
  return Hmac(EVP_sha1(), "HMAC-SHA1", key, message);
}

std::string HmacSha256(std::string_view key, std::string_view message) {
  return Hmac(EVP_sha256(), "HMAC-SHA256", key, message);
}

std::string RandomBytes(size_t count) {
  std::string out(count, '\0');
  for (size_t done = 0; done < count;) {
    ssize_t n = getrandom(out.data() + done, count - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "getrandom");
    done += static_cast<size_t>(n);
  }
  return out;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

}  // namespace kilter::reconciler
