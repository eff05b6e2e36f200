#include "reconciler/providers/kit/nginx_server.h"

#include <fmt/format.h>

namespace kilter::reconciler::kit {

NginxServer NginxServer::From(const nlohmann::json& s) {
  return {s.at("address").get<std::string>(), s.value("weight", int64_t{1}),
          s.value("max_fails", int64_t{1}),
          std::chrono::milliseconds(s.value("fail_timeout", int64_t{10000})),
          s.value("backup", false), s.value("drain", false)};
}

std::vector<NginxServer> NginxServers(const nlohmann::json& list) {
  std::vector<NginxServer> servers;
  for (const nlohmann::json& s : list) servers.push_back(NginxServer::From(s));
  return servers;
}

std::string NginxTime(std::chrono::milliseconds ms) {
  return ms.count() % 1000 == 0 ? fmt::format("{}s", ms.count() / 1000)
                                : fmt::format("{}ms", ms.count());
}

std::string NginxServerLine(const NginxServer& s) {
  std::string line = "    server " + s.address;
  if (s.weight != 1) line += fmt::format(" weight={}", s.weight);
  line += fmt::format(" max_fails={} fail_timeout={}", s.max_fails, NginxTime(s.fail_timeout));
  if (s.backup) line += " backup";
  if (s.drain) line += " down";
  return line + ";\n";
}

}  // namespace kilter::reconciler::kit
