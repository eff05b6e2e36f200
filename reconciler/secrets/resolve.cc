#include "reconciler/secrets/resolve.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace kilter::reconciler {

namespace {

class HostReader : public SecretReader {
 public:
  std::optional<std::string> Env(const std::string& name) const override {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  }

  std::optional<std::string> File(const std::string& path, std::string& error) const override {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      error = std::strerror(errno);
      return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    if (in.bad()) {
      error = "read error";
      return std::nullopt;
    }
    return text.str();
  }
};

/// Reads each reference once per run, however many resources and hosts use it.
class Cache {
 public:
  explicit Cache(const SecretReader& reader) : reader_(reader) {}

  /// The part's text, or nullopt with `error` saying why not.
  std::optional<std::string> Read(const catalog::SecretPart& part, std::string& error) {
    if (part.source == "text") return part.value;
    auto key = std::make_pair(part.source, part.value);
    auto it = done_.find(key);
    if (it == done_.end()) it = done_.emplace(key, Fetch(part)).first;
    error = it->second.second;
    return it->second.first;
  }

 private:
  std::pair<std::optional<std::string>, std::string> Fetch(const catalog::SecretPart& part) {
    std::string error;
    if (part.source == "env") {
      std::optional<std::string> v = reader_.Env(part.value);
      if (!v)
        return {std::nullopt, fmt::format("the environment variable {} is not set", part.value)};
      // CI systems pass an unset secret as an empty variable: never write that.
      if (v->empty())
        return {std::nullopt, fmt::format("the environment variable {} is empty", part.value)};
      return {v, ""};
    }
    std::optional<std::string> v = reader_.File(part.value, error);
    if (!v) return {std::nullopt, fmt::format("cannot read {}: {}", part.value, error)};
    return {v, ""};
  }

  const SecretReader& reader_;
  std::map<std::pair<std::string, std::string>, std::pair<std::optional<std::string>, std::string>>
      done_;
};

std::string Where(const catalog::Resource& r, const std::string& field) {
  return fmt::format("{}:{}:{}: {}: {}", r.source.file, r.source.line, r.source.col, r.Address(),
                     field);
}

/// The id in "hmac-sha256:ID:MAC", or "" when the fingerprint has another form.
std::string KeyIdOf(const std::string& fingerprint) {
  constexpr std::string_view kPrefix = "hmac-sha256:";
  if (!fingerprint.starts_with(kPrefix)) return "";
  size_t colon = fingerprint.find(':', kPrefix.size());
  return colon == std::string::npos ? ""
                                    : fingerprint.substr(kPrefix.size(), colon - kPrefix.size());
}

}  // namespace

const SecretReader& HostSecretReader() {
  static const HostReader reader;
  return reader;
}

bool HasSecrets(const catalog::Catalog& catalog) {
  for (const catalog::Resource& r : catalog.resources) {
    if (!r.secrets.empty()) return true;
  }
  return false;
}

std::vector<std::string> ResolveSecrets(catalog::Catalog& catalog, const SecretReader& reader,
                                        const SecretKey& key, SecretMode mode) {
  Cache cache(reader);
  std::vector<std::string> errors;
  std::set<std::string> reported;
  auto fail = [&](std::string message) {
    if (reported.insert(message).second) errors.push_back(std::move(message));
  };
  for (catalog::Resource& r : catalog.resources) {
    for (auto& [field, secret] : r.secrets) {
      std::string value;
      std::string error;
      for (const catalog::SecretPart& part : secret.parts) {
        std::optional<std::string> text = cache.Read(part, error);
        if (!text) break;
        value += *text;
      }
      if (!error.empty()) {
        fail(fmt::format("{}: {}: {}", Where(r, field), secret.Describe(), error));
        continue;
      }
      std::string fingerprint = key.Fingerprint(r.Address() + " " + field, value);
      if (mode == SecretMode::kVerify && fingerprint != secret.fingerprint) {
        std::string id = KeyIdOf(secret.fingerprint);
        if (id != key.id()) {
          fail(
              fmt::format("the plan's secrets were fingerprinted with another "
                          "key ({}; this "
                          "controller's key is {}): apply with the "
                          "KILTER_SECRET_KEY the plan "
                          "was made with, or plan again",
                          id.empty() ? "none" : id, key.id()));
        } else {
          fail(fmt::format("{}: {} has changed since the plan was made: plan again",
                           Where(r, field), secret.Describe()));
        }
        continue;
      }
      secret.fingerprint = std::move(fingerprint);
      r.fields[field] = std::move(value);
    }
  }
  return errors;
}

}  // namespace kilter::reconciler
