#!/usr/bin/env bash
# tls.certificate through the real `kilter` binary against an nginx this
# test starts (its own prefix, loopback ports ESTATE_PORT_BASE+84 and +85),
# with certificates made here by openssl, over the local transport and over
# SSH: after apply the handshake presents the declared certificate with
# each server name and without SNI, and a plan has nothing to do; files
# replaced by hand (with and without a reload) are drift naming the served
# and declared fingerprints; a certificate with 10 days left and
# renew_before = 21d is drift naming its date (and its expiry is a metric);
# another server block (the port's default) offering TLSv1.2 where only
# TLSv1.3 is declared is drift naming it;
# a key that is not the certificate's is refused at plan with every file
# unchanged; the key is mode 0600 and its PEM body is in no output, saved
# plan or run log; nginx stopped and started again serves the certificate.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nginx_lib.sh"

cleanup() {
  stop_nginx "$work/lb"
  rm -rf "$work"
}
trap cleanup EXIT

chmod 755 "$work"
port=$((ESTATE_PORT_BASE + 84)) soon_port=$((ESTATE_PORT_BASE + 85))
conf_d=$work/lb/conf.d tls_d=$work/lb/tls certs=$work/certs
mkdir -p "$conf_d" "$tls_d" "$certs"
nginx_conf "$work/lb" "  include $conf_d/*.conf;"
start_nginx "$work/lb"
nginx_cmd="nginx -p $work/lb -c $work/lb/nginx.conf"

# A CA and certificates it signs: cert NAME DAYS NAMES...
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
  -subj "/CN=kilter e2e CA" -keyout "$certs/ca.key" -out "$certs/ca.crt" 2>/dev/null ||
  fail "openssl cannot make the CA"
cert() {
  local name=$1 days=$2 cn=$3 san="" n; shift 2
  for n in "$@"; do san+="${san:+,}DNS:$n"; done
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$cn" \
    -keyout "$certs/$name.key" -out "$certs/$name.csr" 2>/dev/null || fail "openssl req $name"
  openssl x509 -req -in "$certs/$name.csr" -CA "$certs/ca.crt" -CAkey "$certs/ca.key" \
    -CAcreateserial -days "$days" -extfile <(echo "subjectAltName=$san") \
    -out "$certs/$name.crt" 2>/dev/null || fail "openssl x509 $name"
}
cert shop 90 shop.example shop.example www.shop.example
cert renewed 90 shop.example shop.example www.shop.example
cert soon 10 soon.example soon.example
openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-256 -out "$certs/other.key" 2>/dev/null
fp() { openssl x509 -noout -fingerprint -sha256 -in "$1" | cut -d= -f2 | tr -d : | tr A-F a-f; }
fp_shop=$(fp "$certs/shop.crt") fp_renewed=$(fp "$certs/renewed.crt")
key_body=$(sed -n 2p "$certs/shop.key")  # a line of the key's base64 body
[ -n "$key_body" ] || fail "no key body to look for"

# served PORT [NAME]: the fingerprint a handshake gets (no NAME: no SNI).
served() {
  local sni=(-noservername)
  [ -n "${2:-}" ] && sni=(-servername "$2")
  timeout 10 openssl s_client -connect "127.0.0.1:$1" "${sni[@]}" </dev/null 2>/dev/null |
    openssl x509 -noout -fingerprint -sha256 2>/dev/null | cut -d= -f2 | tr -d : | tr A-F a-f
}
# serves PORT FINGERPRINT: with each name and without SNI, within 5 s.
serves() {
  local name got
  for name in shop.example www.shop.example ""; do
    for _ in $(seq 50); do
      got=$(served "$1" "$name")
      [ "$got" = "$2" ] && break
      sleep 0.1
    done
    [ "$got" = "$2" ] || fail "port $1 ${name:-without SNI} serves '$got', not $2"
  done
}
keep() { printf '%s\n' "$out" >> "$work/outputs"; }  # every output, searched for the key

shop() {  # shop CERT KEY [RENEW_BEFORE [DEFAULT_SERVER]]
  cat > "$specs/tls.kilt" <<KILT
tls.certificate "shop" on box {
  certificate    = file("$certs/$1.crt")
  key            = file("$certs/$2.key")
  chain          = file("$certs/ca.crt")
  server_names   = ["shop.example", "www.shop.example"]
  listen         = $port
  default_server = ${4:-true}
  protocols      = ["TLSv1.3"]
  renew_before   = ${3:-21d}
}
KILT
}

for transport in local ssh; do
  echo "=== over $transport"
  rm -f "$conf_d"/* "$tls_d"/* "$work/outputs" "$work/plan.json" "$work/run.log"
  $nginx_cmd -s reload
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers."tls.certificate"]
conf_dir = "$conf_d"
cert_dir = "$tls_d"
nginx = "$nginx_cmd"
TOML

  echo "== create: check, plan to a file, apply it; the handshakes present it"
  shop shop shop
  run 0 "$KILTER" check "$specs"; keep
  lacks "warning["
  run 2 "$KILTER" plan "$specs" -o "$work/plan.json" --log "$work/run.log"; keep
  contains '+ tls.certificate "shop" @ box'
  contains "(mode 0600; the key is never shown)"
  [ -z "$(ls "$tls_d")" ] || fail "plan wrote into $tls_d"
  run 0 "$KILTER" apply "$work/plan.json" --auto-approve --log "$work/run.log"; keep
  key_file=$(ls "$tls_d"/kilter-tls-shop-*.key)
  [ "$(stat -c %a "$key_file")" = 600 ] || fail "$key_file is mode $(stat -c %a "$key_file")"
  start=$(date +%s%N)
  serves "$port" "$fp_shop"
  echo "three handshakes (two names, no SNI): $(( ($(date +%s%N) - start) / 1000000 )) ms"
  start=$(date +%s%N)
  run 0 "$KILTER" plan "$specs" --log "$work/run.log"; keep
  echo "plan (one read: files, key digest, 3 handshakes, 3 protocol probes): $(( ($(date +%s%N) - start) / 1000000 )) ms"
  contains 'No changes.'
  run 0 "$KILTER" drift "$specs" --log "$work/run.log"; keep

  echo "== files replaced by hand without a reload: served and declared named"
  cat "$certs/renewed.crt" "$certs/ca.crt" > "$(ls "$tls_d"/kilter-tls-shop-*.crt)"
  cat "$certs/renewed.key" > "$key_file"
  run 2 "$KILTER" drift "$specs" --log "$work/run.log"; keep
  contains "holds SHA-256 $fp_renewed, declared SHA-256 $fp_shop; nginx serves SHA-256 $fp_shop with SNI shop.example"
  contains "holds another key than the declared one"
  run 0 "$KILTER" apply "$specs" --auto-approve; keep
  run 0 "$KILTER" plan "$specs"; keep
  contains 'No changes.'

  echo "== a renewed certificate's files put in place by hand, nginx not reloaded"
  cp -a "$conf_d" "$work/conf.old"; cp -a "$tls_d" "$work/tls.old"
  shop renewed renewed
  run 0 "$KILTER" apply "$specs" --auto-approve; keep
  serves "$port" "$fp_renewed"
  [ -z "$(ls "$tls_d" | grep "${fp_shop:0:16}")" ] || fail "the old certificate's files stayed"
  cp -a "$conf_d" "$work/conf.new"; cp -a "$tls_d" "$work/tls.new"
  rm -rf "$conf_d" "$tls_d"; cp -a "$work/conf.old" "$conf_d"; cp -a "$work/tls.old" "$tls_d"
  $nginx_cmd -s reload
  serves "$port" "$fp_shop"
  rm -rf "$conf_d" "$tls_d"; cp -a "$work/conf.new" "$conf_d"; cp -a "$work/tls.new" "$tls_d"
  rm -rf "$work"/conf.old "$work"/tls.old "$work"/conf.new "$work"/tls.new
  run 2 "$KILTER" drift "$specs"; keep
  contains "nginx serves SHA-256 $fp_shop (CN=shop.example) with SNI shop.example, declared SHA-256 $fp_renewed"
  contains "with no SNI, declared SHA-256 $fp_renewed"
  contains "nginx has not loaded them"
  run 0 "$KILTER" apply "$specs" --auto-approve; keep
  serves "$port" "$fp_renewed"
  run 0 "$KILTER" plan "$specs"; keep
  contains 'No changes.'

  echo "== a key that is not the certificate's: refused at plan, nothing changed"
  before=$(file_tree "$conf_d"; file_tree "$tls_d")
  shop renewed other
  run 1 "$KILTER" plan "$specs"; keep
  contains 'box: tls.certificate "shop" @ box: the key does not match the certificate (subject CN=shop.example'
  contains "is not the public half of the key"
  run 1 "$KILTER" apply "$specs" --auto-approve; keep
  [ "$before" = "$(file_tree "$conf_d"; file_tree "$tls_d")" ] || fail "a refused key changed files"
  serves "$port" "$fp_renewed"

  echo "== another server block, the port's default, offers TLSv1.2: drift names it"
  shop renewed renewed 21d false
  run 0 "$KILTER" apply "$specs" --auto-approve; keep
  grep -qF "listen $port ssl;" "$conf_d/kilter-tls-shop.conf" || fail "kilter's block still claims the default server"
  cat > "$conf_d/default.conf" <<CONF
server {
    listen $port ssl default_server;
    server_name _;
    ssl_certificate $(ls "$tls_d"/kilter-tls-shop-*.crt);
    ssl_certificate_key $(ls "$tls_d"/kilter-tls-shop-*.key);
    ssl_protocols TLSv1.2 TLSv1.3;
}
CONF
  $nginx_cmd -s reload
  for _ in $(seq 50); do
    timeout 5 openssl s_client -connect "127.0.0.1:$port" -servername shop.example -tls1_2 \
      </dev/null >/dev/null 2>&1 && break
    sleep 0.1
  done
  run 2 "$KILTER" drift "$specs"; keep
  contains "nginx accepts TLSv1.2 on port $port, which protocols (TLSv1.3) leaves out"
  lacks "TLSv1.1 on port"
  lacks "no SNI"
  rm "$conf_d/default.conf"
  shop renewed renewed
  run 0 "$KILTER" apply "$specs" --auto-approve; keep
  grep -qF "listen $port ssl default_server;" "$conf_d/kilter-tls-shop.conf" || fail "kilter's block is not the default server again"
  for _ in $(seq 50); do
    timeout 5 openssl s_client -connect "127.0.0.1:$port" -servername shop.example -tls1_2 \
      </dev/null >/dev/null 2>&1 || break
    sleep 0.1
  done
  run 0 "$KILTER" drift "$specs"; keep

  echo "== 10 days left, renew_before = 21d: drift names the certificate and the date"
  shop renewed renewed
  cat >> "$specs/tls.kilt" <<KILT

tls.certificate "soon" on box {
  certificate  = file("$certs/soon.crt")
  key          = file("$certs/soon.key")
  server_names = ["soon.example"]
  listen       = $soon_port
  protocols    = ["TLSv1.2", "TLSv1.3"]
}
KILT
  run 0 "$KILTER" apply "$specs" --auto-approve; keep
  end=$(openssl x509 -noout -enddate -in "$certs/soon.crt" | cut -d= -f2)
  day=$(date -u -d "$end" '+%Y-%m-%d %H:%M:%S UTC')
  run 2 "$KILTER" drift "$specs" --log "$work/run.log"; keep
  contains "the served certificate CN=soon.example expires on $day ("
  contains "within renew_before (21 days)"
  run 2 "$KILTER" drift "$specs" --format prometheus; keep
  contains "kilter_resource_certificate_expiry_timestamp_seconds{host=\"box\",type=\"tls.certificate\",name=\"soon\"} $(date -u -d "$end" +%s)"
  contains "kilter_resource_certificate_renew_before_seconds{host=\"box\",type=\"tls.certificate\",name=\"soon\"} 1814400"

  echo "== nginx stopped and started again serves the certificate"
  stop_nginx "$work/lb"
  [ -z "$(served "$port" shop.example)" ] || fail "nginx still answers after it stopped"
  start_nginx "$work/lb"
  serves "$port" "$fp_renewed"
  shop renewed renewed
  run 2 "$KILTER" plan "$specs"; keep
  contains '- tls.certificate "soon" @ box'
  run 0 "$KILTER" apply "$specs" --auto-approve; keep
  run 0 "$KILTER" plan "$specs"; keep
  contains 'No changes.'

  echo "== the key is in no output, saved plan or run log"
  for f in "$work/outputs" "$work/plan.json" "$work/run.log"; do
    [ -s "$f" ] || fail "$f is empty"
    ! grep -qF -- "$key_body" "$f" || fail "the key's PEM body is in $f"
    ! grep -q "PRIVATE KEY" "$f" || fail "a private key is in $f"
  done

  echo "== removed from the specs: its server block, certificate and key go"
  echo "# no certificates any more" > "$specs/tls.kilt"
  run 2 "$KILTER" plan "$specs"
  contains '- tls.certificate "shop" @ box'
  run 0 "$KILTER" apply "$specs" --auto-approve
  [ -z "$(ls -A "$conf_d")$(ls -A "$tls_d")" ] || fail "left behind: $(ls -A "$conf_d" "$tls_d")"
  [ -z "$(served "$port" shop.example)" ] || fail "port $port still serves TLS"
done
echo "PASS"
