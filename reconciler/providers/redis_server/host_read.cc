#include "reconciler/providers/redis_server/host_read.h"

#include <stdexcept>

#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/redis_server/values.h"

namespace kilter::reconciler::redis_server {

using nlohmann::json;

namespace {

/// Reads the password from stdin's first line into REDISCLI_AUTH, then
/// runs the rest of the words.
constexpr const char* kAuthPrefix =
    R"(IFS= read -r a; if [ -n "$a" ]; then REDISCLI_AUTH=$a; export REDISCLI_AUTH; fi; )";

std::string Key(const std::string& what, const catalog::Resource& r) { return what + ":" + r.name; }

std::string ReadSecret(const catalog::Resource& r) {
  const json& v = r.fields.value("requirepass", json());
  return v.is_string() ? v.get<std::string>() : "";
}

/// CONFIG GET's output: one line per name and one per value.
std::map<std::string, std::string> ConfigPairs(const std::string& out) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    lines.push_back(out.substr(start, end - start));
    start = end + 1;
  }
  if (lines.size() % 2 != 0) throw std::invalid_argument("CONFIG GET * printed an odd number of lines");
  std::map<std::string, std::string> pairs;
  for (size_t i = 0; i < lines.size(); i += 2) pairs[lines[i]] = lines[i + 1];
  return pairs;
}

}  // namespace

json ServerState::ToJson() const {
  return {{"config", config},         {"commands", commands},         {"files", files},
          {"owned_exists", owned_exists}, {"owned_intact", owned_intact},
          {"owned_current", owned_current}};
}

ServerState ServerState::FromJson(const json& j) {
  try {
    return {j.at("config"), j.at("commands"), j.at("files"), j.at("owned_exists"),
            j.at("owned_intact"), j.at("owned_current")};
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("unreadable live state: ") + e.what());
  }
}

std::string OwnedPath(const catalog::Resource& r) {
  std::string config = r.fields.value("config_file", std::string("/etc/redis/redis.conf"));
  return config.substr(0, config.rfind('/') + 1) + "kilter-" + kit::FileNamePart(r.name) + ".conf";
}

namespace {

/// redis-cli and its options for `r`, without the password prefix.
std::string CliWords(const Settings& settings, const catalog::Resource& r) {
  std::string address = r.fields.value("address", std::string("127.0.0.1:6379"));
  std::string where;
  if (!address.empty() && address[0] == '/') {
    where = "-s " + ShellQuote(address);
  } else {
    size_t colon = address.rfind(':');
    std::string host = colon == std::string::npos ? address : address.substr(0, colon);
    std::string port = colon == std::string::npos ? "6379" : address.substr(colon + 1);
    where = "-h " + ShellQuote(host) + " -p " + ShellQuote(port);
  }
  return settings.redis_cli + " --no-auth-warning -e " + where;
}

/// The command names a rename check asks about: each renamed command and
/// its new name, lower case. A renamed command answers to its new name only
/// (COMMAND LIST still lists it under the old one, COMMAND INFO does not).
std::vector<std::string> RenameNames(const catalog::Resource& r) {
  std::vector<std::string> names;
  const json& renames = r.fields.value("rename_command", json());
  if (!renames.is_object()) return names;
  for (const auto& [command, to] : renames.items()) {
    names.push_back(Lower(command));
    if (!to.get<std::string>().empty()) names.push_back(Lower(to.get<std::string>()));
  }
  return names;
}

}  // namespace

std::string CliCommand(const Settings& settings, const catalog::Resource& r) {
  // Without a password, redis-cli runs as it is (no shell on a local host).
  return ReadSecret(r).empty() ? CliWords(settings, r) : kAuthPrefix + CliWords(settings, r);
}

std::string AuthLine(const catalog::Resource& r) {
  std::string secret = ReadSecret(r);
  return secret.empty() ? "" : secret + "\n";
}

void AddReads(kit::ReadBatch& batch, const Settings& settings, const catalog::Resource& r) {
  std::string cli = CliCommand(settings, r);
  // In the background: the server answers while the files are walked.
  batch.AddCommand(Key("config", r), cli + " CONFIG GET '*'", AuthLine(r), true);
  std::vector<std::string> names = RenameNames(r);
  if (!names.empty()) {
    std::string loop = std::string(kAuthPrefix) + "for c in";
    for (const std::string& n : names) loop += " " + ShellQuote(n);
    loop += "; do r=$(" + CliWords(settings, r) +
            R"( COMMAND INFO "$c" | head -n 1) || exit 1; printf '%s	%s
' "$c" "$r"; done)";
    batch.AddCommand(Key("commands", r), loop, AuthLine(r));
  }
  batch.AddTree(Key("files", r), r.fields.value("config_file", std::string()), "include");
}

std::string Scrub(const std::string& content, const std::string& secret) {
  std::string out;
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    bool last = end == std::string::npos;
    std::string line = content.substr(start, last ? std::string::npos : end - start);
    start = last ? content.size() : end + 1;
    std::optional<std::vector<std::string>> words = SplitConfigLine(line);
    std::string name = words && !words->empty() ? Lower((*words)[0]) : "";
    if ((name == "requirepass" || name == "masterauth") && words->size() == 2) {
      const std::string& value = (*words)[1];
      line = name + " " +
             QuoteConfigWord(value.empty()      ? ""
                             : value == secret ? kSameSecret
                                               : kOtherSecret);
    } else if (line.rfind("# kilter-fingerprint: ", 0) == 0) {
      line = "# kilter-fingerprint: (not kept: the file may hold a password)";
    }
    out += line + (last ? "" : "\n");
  }
  return out;
}

ServerState StateFrom(const catalog::Resource& r, const kit::BatchResult& read,
                      const std::string& want) {
  ServerState s;
  std::string secret = ReadSecret(r);
  const kit::CommandRead& config = read.Command(Key("config", r));
  if (!config.ok()) {
    throw std::invalid_argument("redis-cli CONFIG GET failed (exit " +
                                std::to_string(config.exit_code) + "): " + config.out + config.err);
  }
  s.config = ConfigPairs(config.out);
  for (const char* name : {"requirepass", "masterauth"}) {
    auto it = s.config.find(name);
    if (it == s.config.end() || it->second.empty()) continue;
    it->second = it->second == secret ? kSameSecret : kOtherSecret;
  }
  if (read.commands.count(Key("commands", r))) {
    const kit::CommandRead& commands = read.Command(Key("commands", r));
    if (!commands.ok()) {
      throw std::invalid_argument("redis-cli COMMAND INFO failed: " + commands.out + commands.err);
    }
    size_t start = 0;
    while (start < commands.out.size()) {
      size_t end = commands.out.find('\n', start);
      if (end == std::string::npos) end = commands.out.size();
      std::string line = commands.out.substr(start, end - start);
      start = end + 1;
      size_t tab = line.find('\t');
      // COMMAND INFO of a name the server does not know prints an empty line.
      if (tab != std::string::npos && tab + 1 < line.size()) s.commands.push_back(line.substr(0, tab));
    }
  }
  std::string owned = OwnedPath(r);
  for (const std::string& path : read.Tree(Key("files", r))) {
    const kit::FileRead& file = read.File(path);
    if (!file.error.empty()) throw std::invalid_argument(file.error);
    if (!file.regular) continue;
    const std::string& content = file.content;
    if (path == owned) {
      s.owned_exists = true;
      std::optional<kit::OwnedFile> o = kit::ReadOwned(path, content, kit::Comment::kHash);
      s.owned_intact = o && o->intact;
      s.owned_current = o && o->Is(want);
    }
    s.files[path] = Scrub(content, secret);
  }
  return s;
}

}  // namespace kilter::reconciler::redis_server
