# shellcheck shell=bash
# The plain scripts the benchmark times against kilter (sourced by run.sh):
# the reads kilter's providers make, as plain sh with every path spelled
# out (reconciler/providers/nginx_upstream/nginx_upstream_provider.cc and
# nginx_rate_limit/nginx_rate_limit_provider.cc: the owned files, and
# `nginx -T` for the locations that must include a snippet), and the 5 TLS
# handshakes an admin makes to see what each site serves.

# plain_nginx: the upstreams' files, the rate limits' zone files and
# snippets, nginx's whole configuration.
plain_nginx() {
  cat <<SH
cat $conf_d/kilter-upstream-*.conf
cat $conf_d/kilter-rate-limit-*.conf $snippets/kilter-rate-limit-*.conf
$nginx_cmd -T
SH
}

# plain_tls: per site, the certificate on disk and the one nginx serves for
# its name (a full handshake with SNI), each as subject, expiry and SHA-256
# fingerprint.
plain_tls() {
  local name
  for name in $cert_names; do
    cat <<SH
openssl x509 -in $certs/$name.pem -noout -subject -enddate -fingerprint -sha256
openssl s_client -connect 127.0.0.1:$tls_port -servername $name </dev/null 2>/dev/null |
  openssl x509 -noout -subject -enddate -fingerprint -sha256
SH
  done
}
