#include "compiler/catalog/catalog.h"

#include "compiler/catalog/text.h"

#include <fmt/format.h>

namespace kilter::catalog {

using nlohmann::json;

std::string Resource::Address() const { return catalog::Address(type, name, host); }

const Host* Catalog::FindHost(const std::string& name) const {
  for (const Host& h : hosts) {
    if (h.name == name) return &h;
  }
  return nullptr;
}

json ToJson(const Catalog& catalog) {
  json hosts = json::array();
  for (const Host& h : catalog.hosts) {
    hosts.push_back({{"name", h.name},
                     {"address", h.address},
                     {"user", h.user},
                     {"port", h.port},
                     {"transport", h.transport},
                     {"identity", h.identity},
                     {"providers", h.providers}});
  }
  json resources = json::array();
  for (const Resource& r : catalog.resources) {
    resources.push_back({{"address", r.Address()},
                         {"type", r.type},
                         {"name", r.name},
                         {"host", r.host},
                         {"fields", r.fields},
                         {"field_types", r.field_types},
                         {"sensitive", r.sensitive},
                         {"after", r.after},
                         {"source", {{"file", r.source.file},
                                     {"line", r.source.line},
                                     {"col", r.source.col}}}});
  }
  json suppressions = json::array();
  for (const Suppression& s : catalog.suppressions) {
    suppressions.push_back(
        {{"address", s.address}, {"reason", s.reason}, {"expires", s.expires}});
  }
  return {{"version", catalog.version},
          {"hosts", hosts},
          {"resources", resources},
          {"known_hosts", catalog.known_hosts},
          {"suppressions", suppressions},
          {"params", catalog.params}};
}

namespace {

const json& Member(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) {
    throw CatalogError(fmt::format("catalog: {} has no \"{}\"", where, key));
  }
  return object.at(key);
}

template <typename T>
T Get(const json& object, const char* key, const std::string& where) {
  const json& value = Member(object, key, where);
  try {
    return value.get<T>();
  } catch (const json::exception&) {
    throw CatalogError(fmt::format("catalog: \"{}\" of {} has the wrong type", key, where));
  }
}

}  // namespace

Catalog FromJson(const json& doc) {
  Catalog catalog;
  catalog.version = Get<int>(doc, "version", "the document");
  if (catalog.version != kCatalogVersion) {
    throw CatalogError(fmt::format("catalog: version {} is not supported (this kilter reads {})",
                                   catalog.version, kCatalogVersion));
  }
  for (const json& h : Member(doc, "hosts", "the document")) {
    Host host;
    host.name = Get<std::string>(h, "name", "a host");
    std::string where = "host " + host.name;
    host.address = Get<std::string>(h, "address", where);
    host.user = Get<std::string>(h, "user", where);
    host.port = Get<int>(h, "port", where);
    host.transport = Get<std::string>(h, "transport", where);
    host.identity = Get<std::string>(h, "identity", where);
    host.providers = Member(h, "providers", where);
    catalog.hosts.push_back(std::move(host));
  }
  for (const json& r : Member(doc, "resources", "the document")) {
    Resource res;
    res.type = Get<std::string>(r, "type", "a resource");
    res.name = Get<std::string>(r, "name", "a resource");
    res.host = Get<std::string>(r, "host", "a resource");
    std::string where = res.Address();
    res.fields = Member(r, "fields", where);
    res.field_types = Get<std::map<std::string, std::string>>(r, "field_types", where);
    res.sensitive = Get<std::vector<std::string>>(r, "sensitive", where);
    res.after = Get<std::vector<std::string>>(r, "after", where);
    const json& src = Member(r, "source", where);
    res.source.file = Get<std::string>(src, "file", where);
    res.source.line = Get<uint32_t>(src, "line", where);
    res.source.col = Get<uint32_t>(src, "col", where);
    catalog.resources.push_back(std::move(res));
  }
  catalog.known_hosts = Get<std::string>(doc, "known_hosts", "the document");
  for (const json& s : Member(doc, "suppressions", "the document")) {
    catalog.suppressions.push_back({Get<std::string>(s, "address", "a suppression"),
                                    Get<std::string>(s, "reason", "a suppression"),
                                    Get<std::string>(s, "expires", "a suppression")});
  }
  catalog.params = Member(doc, "params", "the document");
  return catalog;
}

}  // namespace kilter::catalog
