#include "reconciler/providers/tls_certificate/tls_provider.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "compiler/catalog/text.h"
#include "reconciler/providers/kit/batch_read.h"
#include "reconciler/providers/kit/digest.h"
#include "reconciler/providers/kit/file_diff.h"
#include "reconciler/providers/kit/nginx_apply.h"
#include "reconciler/providers/kit/owned_file.h"
#include "reconciler/providers/tls_certificate/certificate.h"
#include "reconciler/providers/tls_certificate/host_read.h"
#include "reconciler/providers/tls_certificate/served.h"

namespace kilter::reconciler::tls_certificate {

using nlohmann::json;

namespace {

const char kType[] = "tls.certificate";
const char kReload[] = "nginx -t, nginx -s reload, then prove the new workers and the error log";

/// The files of a declared certificate on the host against what it would
/// write: each difference as a reason, an action and (for the certificate)
/// a field line. Returns whether every file is as declared.
bool JudgeFiles(const Settings& s, const Declared& d, const ResourceRead& read,
                const std::optional<kit::OwnedFile>& owned, const std::string& conf_now,
                bool conf_exists, Change& c) {
  std::string conf = d.ConfPath(s), cert = d.CertPath(s), key = d.KeyPath(s);
  std::string want = RenderConf(d, s);
  bool same = true;
  if (!read.key.Ok()) {
    same = false;
    c.reasons.push_back(read.key.Why(key));
    c.actions.push_back({"file", "write " + key + " (mode 0600; the key is never shown)", ""});
  }
  if (!read.cert.exists || read.cert.content != d.certificate) {
    same = false;
    c.reasons.push_back(read.cert.Why(cert, d, read.handshakes));
    if (read.cert.exists) {
      c.fields.push_back({"certificate (SHA-256)", read.cert.Fingerprint(), d.Fingerprint()});
    }
    c.actions.push_back(
        {"file",
         fmt::format("write {} ({}, SHA-256 {}, valid until {})", cert, d.chain.front().subject,
                     d.Fingerprint(), kit::UtcTime(d.chain.front().not_after)),
         ""});
  }
  if (!owned || !owned->Is(want)) {
    same = false;
    c.reasons.push_back(kit::WhyWrite(conf, conf_exists, owned && owned->intact));
    std::vector<FieldChange> fields = kit::FieldsSinceRecorded(owned, conf_exists, d.recorded);
    c.fields.insert(c.fields.end(), fields.begin(), fields.end());
    c.actions.push_back(
        {"file", "write " + conf,
         kit::FileDiff(conf, conf_exists ? std::optional(conf_now) : std::nullopt, want)});
  }
  for (const std::string& path : read.stale) {
    same = false;
    c.reasons.push_back(path + " is a certificate or key no longer declared");
    c.actions.push_back({"file", "remove " + path, ""});
  }
  return same;
}

/// The measures and the expiry problem: the served chain when nginx
/// serves the declared certificate, else the declared chain.
void JudgeExpiry(const Declared& d, const ResourceRead& read, int64_t now, Change& c) {
  std::vector<kit::Certificate> chain = d.chain;
  std::string where = "declared";
  for (const Handshake& h : read.handshakes) {
    if (h.exit_code == 0 && !h.chain.empty() && h.chain.front().sha256 == d.Fingerprint()) {
      chain = h.chain;
      where = "served";
      break;
    }
  }
  std::optional<kit::Certificate> first = EarliestExpiry(chain);
  c.measures["certificate_expiry_timestamp_seconds"] = static_cast<double>(first->not_after);
  c.measures["certificate_renew_before_seconds"] = static_cast<double>(d.renew_before_s);
  if (auto problem = ExpiryProblem(*first, now, d.renew_before_s, where)) {
    c.problems.push_back(*problem);
  }
}

/// nginx takes one default server per port: two certificates that both
/// claim it would fail nginx -t, and their handshakes without SNI could not
/// both present their own certificate.
void OneDefaultPerPort(const ProviderContext& ctx) {
  std::map<int64_t, std::string> defaults;
  for (const catalog::Resource* r : ctx.desired) {
    if (!r->fields.value("default_server", true)) continue;
    int64_t port = r->fields.value("listen", int64_t{443});
    auto [it, fresh] = defaults.emplace(port, r->Address());
    if (!fresh) {
      throw ProviderError(fmt::format(
          "{}: {} and {} are both the default server of port {} (the certificate a client "
          "without SNI gets): set default_server = false on every certificate of the port but one",
          ctx.host.name, it->second, r->Address(), port));
    }
  }
}

class TlsCertificateProvider : public Provider {
 public:
  std::string name() const override { return kType; }
  std::vector<std::string> types() const override { return {kType}; }

  LiveState Read(Transport& transport, const ProviderContext& ctx) override {
    return {ReadHost(transport, ctx, Settings::From(ctx.settings)).ToJson()};
  }

  std::vector<Change> Diff(const ProviderContext& ctx, const LiveState& state) override {
    Settings s = Settings::From(ctx.settings);
    HostRead read = HostRead::FromJson(state.data);
    OneDefaultPerPort(ctx);
    std::vector<Change> changes;
    std::set<std::string> declared;
    for (const catalog::Resource* r : ctx.desired) {
      changes.push_back(DiffOne(s, *r, read));
      declared.insert(r->name);
    }
    std::vector<kit::OwnedFile> owned;
    for (const auto& [path, content] : read.confs) {
      if (auto f = kit::ReadOwned(path, content, kit::Comment::kHash)) owned.push_back(*f);
    }
    for (Change& del : kit::DeletesOfUndeclared(
             owned, kType, ctx.host.name,
             [&](const kit::OwnedFile& f) { return declared.count(f.name) > 0; },
             "no longer declared in the specs: its server block, certificate and key go away")) {
      del.destructive = true;
      json files = json::array();
      for (const std::string& path : read.cert_files) {
        if (FileOwner(path) != del.name) continue;
        files.push_back(path);
        del.actions.push_back({"file", "remove " + path, ""});
      }
      del.live["certificate_files"] = files;
      del.actions.push_back({"command", kReload, ""});
      changes.push_back(std::move(del));
    }
    return changes;
  }

  /// The certificates and keys first (new files: nginx still serves the
  /// old ones), then every server block in one nginx apply (one -t, one
  /// proven reload); files no longer named go only after it took.
  void Apply(Transport& transport, const ProviderContext& ctx,
             const std::vector<Change>& changes) override {
    Settings s = Settings::From(ctx.settings);
    std::vector<kit::FileWrite> writes;
    std::vector<std::string> created, obsolete;
    std::string who;
    for (const Change& c : changes) {
      who += (who.empty() ? "" : ", ") + c.Address();
      if (c.kind == ChangeKind::kDelete) {
        for (const auto& [path, content] : c.live["files"].items()) {
          writes.push_back({path, std::nullopt, content.get<std::string>()});
        }
        for (const json& path : c.live["certificate_files"]) obsolete.push_back(path);
        continue;
      }
      const catalog::Resource* r = ctx.Desired(c.name);
      if (!r) continue;
      Declared d = Declared::From(*r);
      const json& live = c.live;
      if (!live["key_file"].value("ok", false)) {
        transport.WriteFile(d.KeyPath(s), d.key, {0600, "", ""});
        if (!live["key_file"].value("exists", false)) created.push_back(d.KeyPath(s));
      }
      if (!live["certificate_file"].value("as_declared", false)) {
        transport.WriteFile(d.CertPath(s), d.certificate, {0644, "", ""});
        if (!live["certificate_file"].value("exists", false)) created.push_back(d.CertPath(s));
      }
      std::optional<std::string> before;
      if (live.value("exists", false)) before = live["content"].get<std::string>();
      writes.push_back({d.ConfPath(s), RenderConf(d, s), before});
      for (const json& path : live["stale"]) obsolete.push_back(path);
    }
    try {
      kit::ApplyNginxFiles(transport, s.nginx, who, writes);
    } catch (const ProviderError&) {
      for (const std::string& path : created) transport.Remove(path);
      throw;
    }
    for (const std::string& path : obsolete) transport.Remove(path);
  }

 private:
  Change DiffOne(const Settings& s, const catalog::Resource& r, const HostRead& host) const {
    Change c = Change::Of(r);
    Declared d = Declared::From(r);
    const ResourceRead& read = host.resources.at(r.name);
    std::string conf = d.ConfPath(s);
    auto found = host.confs.find(conf);
    bool exists = found != host.confs.end();
    std::string current = exists ? found->second : "";
    std::optional<kit::OwnedFile> owned = kit::ReadOwned(conf, current, kit::Comment::kHash);
    c.live = read.Live(d, s);
    c.live["path"] = conf;
    c.live["exists"] = exists;
    c.live["content"] = current;
    c.fingerprint = kit::Sha256Hex(current + read.Digest());
    JudgeExpiry(d, read, host.now, c);
    if (!JudgeFiles(s, d, read, owned, current, exists, c)) {
      c.kind = exists ? ChangeKind::kUpdate : ChangeKind::kCreate;
      c.cause = owned && owned->Is(RenderConf(d, s)) ? DriftCause::kLiveChanged
                                                     : kit::CauseOf(exists, owned);
      c.actions.push_back({"command", kReload, ""});
      return c;
    }
    std::vector<std::string> mismatches = ServedMismatches(d.Fingerprint(), read.handshakes);
    if (!mismatches.empty()) {
      c.kind = ChangeKind::kUpdate;
      c.cause = DriftCause::kLiveChanged;
      c.reasons = mismatches;
      c.reasons.push_back(
          "the files are as declared: nginx has not loaded them (no reload since they changed)");
      c.actions.push_back({"command", kReload, ""});
      return c;
    }
    std::vector<std::string> offered = OfferedProblems(read.offered, d.protocols, d.listen);
    c.problems.insert(c.problems.end(), offered.begin(), offered.end());
    return c;
  }
};

}  // namespace

std::unique_ptr<Provider> MakeTlsCertificateProvider() {
  return std::make_unique<TlsCertificateProvider>();
}

}  // namespace kilter::reconciler::tls_certificate
