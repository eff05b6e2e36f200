#pragma once

#include <memory>

#include "reconciler/providers/provider.h"

namespace kilter::reconciler::tls_certificate {

/// tls.certificate: a certificate nginx serves. Owns a server block
/// (CONF_DIR/kilter-tls-NAME.conf, marked) and the certificate and key it
/// names (CERT_DIR/kilter-tls-NAME-FINGERPRINT.crt and .key, mode 0600),
/// read in one batch per host with handshakes from the host itself (each
/// server name, no SNI, each protocol left out), applied through
/// kit::ApplyNginxFiles (nginx -t, a proven reload, the previous files
/// restored when it does not take).
std::unique_ptr<Provider> MakeTlsCertificateProvider();

}  // namespace kilter::reconciler::tls_certificate
