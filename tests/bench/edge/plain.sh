# shellcheck shell=bash
# The plain scripts the benchmark times against kilter (sourced by run.sh):
# the reads kilter's providers make, as plain sh with every path spelled
# out (reconciler/providers/nginx_upstream/nginx_upstream_provider.cc and
# nginx_rate_limit/nginx_rate_limit_provider.cc: the owned files, and
# `nginx -T` for the locations that must include a snippet), and the TLS
# handshakes and files tls.certificate reads for the 5 sites.

# plain_nginx: the upstreams' files, the rate limits' zone files and
# snippets, nginx's whole configuration.
plain_nginx() {
  cat <<SH
cat $conf_d/kilter-upstream-*.conf
cat $conf_d/kilter-rate-limit-*.conf $snippets/kilter-rate-limit-*.conf
$nginx_cmd -T
SH
}

# plain_tls: what tls.certificate reads, per site: the certificate file on
# disk (nginx's copy, kilter's name for it), the key file's mode, owner and
# digest, the certificate nginx serves for its name (a full handshake with
# SNI) as subject, expiry and SHA-256 fingerprint, and a handshake offering
# each protocol the site does not declare (TLSv1, TLSv1.1); once for the
# port, the certificate served without SNI.
plain_tls() {
  local name
  for name in $cert_names; do
    cat <<SH
openssl x509 -in $tls_dir/kilter-tls-$name-*.crt -noout -subject -enddate -fingerprint -sha256
stat -L -c '%a %U' $tls_dir/kilter-tls-$name-*.key && sha256sum < $tls_dir/kilter-tls-$name-*.key
openssl s_client -connect 127.0.0.1:$tls_port -servername $name </dev/null 2>/dev/null |
  openssl x509 -noout -subject -enddate -fingerprint -sha256
openssl s_client -connect 127.0.0.1:$tls_port -servername $name -tls1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null >/dev/null 2>&1
openssl s_client -connect 127.0.0.1:$tls_port -servername $name -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null >/dev/null 2>&1
SH
  done
  cat <<SH
openssl s_client -connect 127.0.0.1:$tls_port -noservername </dev/null 2>/dev/null |
  openssl x509 -noout -subject -enddate -fingerprint -sha256
SH
}
