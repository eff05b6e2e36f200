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

std::string Secret::Describe() const {
  std::string out;
  for (const SecretPart& p : parts) {
    if (p.source == "text") {
      // Written as in a spec, so that a message stays on one line.
      for (char c : p.value) {
        if (c == '\n') {
          out += "\\n";
        } else if (c == '\t') {
          out += "\\t";
        } else {
          if (c == '"' || c == '\\') out += '\\';
          out += c;
        }
      }
      continue;
    }
    std::string call = fmt::format("{}(\"{}\")", p.source, p.value);
    if (parts.size() == 1) return call;
    out += "${" + call + "}";
  }
  return "\"" + out + "\"";
}

namespace {

json SecretsJson(const Resource& r) {
  json out = json::object();
  for (const auto& [field, secret] : r.secrets) {
    json parts = json::array();
    for (const SecretPart& p : secret.parts) parts.push_back({{p.source, p.value}});
    out[field] = {{"parts", parts}, {"fingerprint", secret.fingerprint}};
  }
  return out;
}

/// The fields as JSON, with every secret field's value (resolved or not) null.
json FieldsJson(const Resource& r) {
  json fields = r.fields;
  for (const auto& [field, secret] : r.secrets) fields[field] = nullptr;
  return fields;
}

}  // namespace

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
  int version = catalog.version;
  for (const Resource& r : catalog.resources) {
    if (!r.secrets.empty()) version = kCatalogSecretsVersion;
    json res = {{"address", r.Address()},
                {"type", r.type},
                {"name", r.name},
                {"host", r.host},
                {"fields", FieldsJson(r)},
                {"field_types", r.field_types},
                {"field_units", r.field_units},
                {"defaulted", r.defaulted},
                {"sensitive", r.sensitive},
                {"after", r.after},
                {"source",
                 {{"file", r.source.file}, {"line", r.source.line}, {"col", r.source.col}}}};
    if (!r.secrets.empty()) res["secrets"] = SecretsJson(r);
    resources.push_back(std::move(res));
  }
  json suppressions = json::array();
  for (const Suppression& s : catalog.suppressions) {
    suppressions.push_back(
        {{"address", s.address}, {"reason", s.reason}, {"expires", s.expires}});
  }
  return {{"version", version},
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

std::map<std::string, Secret> SecretsFromJson(const json& j, const std::string& where) {
  if (!j.is_object()) {
    throw CatalogError(fmt::format("catalog: \"secrets\" of {} is not an object", where));
  }
  std::map<std::string, Secret> out;
  for (const auto& [field, s] : j.items()) {
    std::string at = fmt::format("secret {} of {}", field, where);
    Secret secret;
    for (const json& p : Member(s, "parts", at)) {
      if (!p.is_object() || p.size() != 1 || !p.begin().value().is_string()) {
        throw CatalogError(
            fmt::format("catalog: a part of {} is not {{\"SOURCE\": \"VALUE\"}}", at));
      }
      std::string source = p.begin().key();
      if (source != "text" && source != "env" && source != "file") {
        throw CatalogError(fmt::format("catalog: {} has an unknown source \"{}\"", at, source));
      }
      secret.parts.push_back({source, p.begin().value().get<std::string>()});
    }
    secret.fingerprint = Get<std::string>(s, "fingerprint", at);
    out.emplace(field, std::move(secret));
  }
  return out;
}

}  // namespace

Catalog FromJson(const json& doc) {
  Catalog catalog;
  catalog.version = Get<int>(doc, "version", "the document");
  if (catalog.version != kCatalogVersion && catalog.version != kCatalogSecretsVersion) {
    throw CatalogError(fmt::format("catalog: version {} is not supported (this kilter reads {} "
                                   "and {})",
                                   catalog.version, kCatalogVersion, kCatalogSecretsVersion));
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
    // field_units and defaulted only shape what outputs show; a catalog
    // written before they existed reads with none.
    if (r.contains("field_units")) {
      res.field_units = Get<std::map<std::string, std::string>>(r, "field_units", where);
    }
    if (r.contains("defaulted")) {
      res.defaulted = Get<std::vector<std::string>>(r, "defaulted", where);
    }
    res.sensitive = Get<std::vector<std::string>>(r, "sensitive", where);
    res.after = Get<std::vector<std::string>>(r, "after", where);
    if (r.contains("secrets")) res.secrets = SecretsFromJson(r.at("secrets"), where);
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
