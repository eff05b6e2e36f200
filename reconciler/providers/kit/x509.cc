#include "reconciler/providers/kit/x509.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "reconciler/providers/kit/digest.h"

namespace kilter::reconciler::kit {

namespace {

const char kBegin[] = "-----BEGIN CERTIFICATE-----";
const char kEnd[] = "-----END CERTIFICATE-----";

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

/// A read-only BIO over `text`, which must outlive it.
Bio MemoryOf(const std::string& text) {
  return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
}

std::string SubjectOf(X509* cert) {
  Bio out(BIO_new(BIO_s_mem()), &BIO_free);
  X509_NAME_print_ex(out.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

int64_t NotAfterOf(X509* cert) {
  std::tm tm{};
  ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm);
  return static_cast<int64_t>(timegm(&tm));
}

/// "EC 256 bits, public key SHA-256 1f2e…": what a public key is, for messages.
std::string Describe(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int size = i2d_PUBKEY(key, &der);
  std::string digest = size > 0 ? Sha256Hex(std::string(reinterpret_cast<char*>(der), size)) : "";
  OPENSSL_free(der);
  return fmt::format("{} {} bits, public key SHA-256 {}", EVP_PKEY_get0_type_name(key),
                     EVP_PKEY_get_bits(key), digest.substr(0, 16));
}

}  // namespace

std::vector<Certificate> ParseCertificates(const std::string& pem) {
  std::vector<Certificate> out;
  size_t at = 0;
  while ((at = pem.find(kBegin, at)) != std::string::npos) {
    size_t end = pem.find(kEnd, at);
    if (end == std::string::npos) {
      throw std::invalid_argument(
          fmt::format("certificate {} has no {} line", out.size() + 1, kEnd));
    }
    end += sizeof(kEnd) - 1;
    std::string block = pem.substr(at, end - at) + "\n";  // the BIO reads it in place
    Bio in = MemoryOf(block);
    X509Ptr cert(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr), &X509_free);
    if (!cert) {
      throw std::invalid_argument(
          fmt::format("certificate {} is not a valid PEM certificate", out.size() + 1));
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_size = 0;
    X509_digest(cert.get(), EVP_sha256(), md, &md_size);
    std::string hex;
    for (unsigned int i = 0; i < md_size; ++i) hex += fmt::format("{:02x}", md[i]);
    out.push_back({SubjectOf(cert.get()), hex, NotAfterOf(cert.get())});
    at = end;
  }
  return out;
}

std::optional<std::string> KeyMismatch(const std::string& cert_pem, const std::string& key_pem) {
  Bio cert_in = MemoryOf(cert_pem);
  X509Ptr cert(PEM_read_bio_X509(cert_in.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!cert) return "the certificate is not a PEM certificate";
  Bio key_in = MemoryOf(key_pem);
  Key key(PEM_read_bio_PrivateKey(key_in.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (!key) return "the key is not an unencrypted PEM private key";
  EVP_PKEY* public_key = X509_get0_pubkey(cert.get());
  if (public_key && EVP_PKEY_eq(public_key, key.get()) == 1) return std::nullopt;
  return fmt::format("the certificate's public key ({}) is not the public half of the key ({})",
                     public_key ? Describe(public_key) : "unreadable", Describe(key.get()));
}

std::string UtcTime(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

}  // namespace kilter::reconciler::kit
