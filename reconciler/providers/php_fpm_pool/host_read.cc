#include "reconciler/providers/php_fpm_pool/host_read.h"

#include <stdexcept>

#include "reconciler/transport/transport.h"

namespace kilter::reconciler::php_fpm_pool {

using nlohmann::json;

namespace {

constexpr const char* kPools = "pools";
constexpr const char* kMaster = "master";

std::string StatusKey(const std::string& pool) { return "status:" + pool; }

/// Whether an include line of php-fpm.conf names POOL_DIR/*.conf.
bool IncludesPoolDir(const std::string& conf, const std::string& pool_dir) {
  size_t start = 0;
  while (start < conf.size()) {
    size_t end = conf.find('\n', start);
    if (end == std::string::npos) end = conf.size();
    std::string line = conf.substr(start, end - start);
    start = end + 1;
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line.compare(b, 7, "include") != 0) continue;
    if (line.find(pool_dir + "/*.conf") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

json HostState::ToJson() const {
  json out = {{"files", json::array()},     {"includes_pool_dir", includes_pool_dir},
              {"conf_exists", conf_exists}, {"running", running},
              {"loaded_at", loaded_at},     {"status", json::object()}};
  for (const PoolFile& f : files) {
    out["files"].push_back({{"path", f.path}, {"content", f.content}, {"mtime", f.mtime}});
  }
  for (const auto& [pool, s] : status) {
    out["status"][pool] = {{"ok", s.ok}, {"page", s.page}, {"error", s.error}};
  }
  return out;
}

HostState HostState::FromJson(const json& j) {
  HostState s;
  try {
    for (const json& f : j.at("files")) {
      s.files.push_back({f.at("path"), f.at("content"), f.at("mtime")});
    }
    s.includes_pool_dir = j.at("includes_pool_dir");
    s.conf_exists = j.at("conf_exists");
    s.running = j.at("running");
    s.loaded_at = j.at("loaded_at");
    for (const auto& [pool, st] : j.at("status").items()) {
      s.status[pool] = {st.at("ok"), st.at("page"), st.at("error")};
    }
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("unreadable live state: ") + e.what());
  }
  return s;
}

std::string ConnectAddress(const std::string& listen) {
  if (!listen.empty() && listen.front() == '/') return listen;
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return "127.0.0.1:" + listen;
  std::string address = listen.substr(0, colon);
  if (address == "0.0.0.0" || address == "*" || address == "[::]" || address.empty()) {
    return "127.0.0.1" + listen.substr(colon);
  }
  return listen;
}

json ParseStatus(const std::string& out, const std::string& pool) {
  size_t body = out.find("\r\n\r\n");
  body = body == std::string::npos ? out.find("\n\n") : body;
  std::string text = body == std::string::npos ? out : out.substr(body);
  json page = json::parse(text, nullptr, false);
  if (page.is_discarded() || !page.is_object() || !page.contains("process manager")) {
    std::string head = text.substr(text.find_first_not_of("\r\n") == std::string::npos
                                       ? 0
                                       : text.find_first_not_of("\r\n"));
    throw std::invalid_argument("not a PHP-FPM status page: " + head.substr(0, 200));
  }
  if (page.value("pool", "") != pool) {
    throw std::invalid_argument("the status page is pool \"" + page.value("pool", "") +
                                "\"'s, not \"" + pool + "\"'s");
  }
  return page;
}

kit::ReadBatch ReadBatchFor(const Settings& settings,
                            const std::vector<const catalog::Resource*>& desired) {
  kit::ReadBatch batch;
  batch.AddGlob(kPools, settings.pool_dir, "*.conf", true);
  batch.AddFile(settings.conf);
  batch.AddFile(settings.pid_file);
  batch.AddCommand(kMaster, "p=$(cat " + ShellQuote(settings.pid_file) +
                                " 2>/dev/null) && [ -n \"$p\" ] && [ -d \"/proc/$p\" ] && "
                                "echo running || echo stopped");
  for (const catalog::Resource* r : desired) {
    std::string path = r->fields.at("status_path").get<std::string>();
    if (path.empty()) continue;
    std::string address = ConnectAddress(r->fields.at("listen").get<std::string>());
    batch.AddCommand(StatusKey(r->name),
                     "SCRIPT_NAME=" + ShellQuote(path) + " SCRIPT_FILENAME=" + ShellQuote(path) +
                         " REQUEST_URI=" + ShellQuote(path) +
                         " QUERY_STRING=json REQUEST_METHOD=GET " + settings.fcgi +
                         " -bind -connect " + ShellQuote(address));
  }
  return batch;
}

HostState StateFrom(const Settings& settings, const std::vector<const catalog::Resource*>& desired,
                    const kit::BatchResult& read) {
  HostState state;
  for (const std::string& path : read.Glob(kPools)) {
    const kit::FileRead& f = read.File(path);
    if (f.regular) state.files.push_back({path, f.content, f.mtime});
  }
  const kit::FileRead& conf = read.File(settings.conf);
  state.conf_exists = conf.regular;
  state.includes_pool_dir = conf.regular && IncludesPoolDir(conf.content, settings.pool_dir);
  state.running = read.Command(kMaster).out.find("running") == 0;
  if (state.running) state.loaded_at = read.File(settings.pid_file).mtime;
  for (const catalog::Resource* r : desired) {
    if (r->fields.at("status_path").get<std::string>().empty() || !state.running) continue;
    const kit::CommandRead& c = read.Command(StatusKey(r->name));
    StatusRead s;
    try {
      if (!c.ok()) throw std::invalid_argument(c.err.empty() ? c.out : c.err);
      s.page = ParseStatus(c.out, r->name);
      s.ok = true;
    } catch (const std::invalid_argument& e) {
      s.error = e.what();
      while (!s.error.empty() && (s.error.back() == '\n' || s.error.back() == '\r')) {
        s.error.pop_back();
      }
    }
    state.status[r->name] = s;
  }
  return state;
}

}  // namespace kilter::reconciler::php_fpm_pool
