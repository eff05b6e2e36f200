#!/usr/bin/env bash
# php.opcache through the real `kilter` binary over SSH to the estate's sshd,
# on a PHP host of the estate's recipe (its own php.ini and scan directory):
# apply then plan is empty and a second apply writes nothing; a setting
# edited by hand in kilter's ini file is drift (exit 2) fixed by the next
# apply; a stray ini file that overrides kilter is drift naming that file; a
# value PHP would refuse stops at compile time; an unknown host key is refused
# with its fingerprint. Refusals change nothing. (PHP's own check at plan
# time, for what only the host can tell, is in tests/integration/php.)
. "$(dirname "$0")/lib.sh"
load_env sshd
load_env php
php_host=$work/php
"$PHP_NEW_HOST" "$php_host"
ini=$php_host/conf.d/90-kilter-shop.ini

inventory ssh
cat >> "$specs/kilter.toml" <<TOML

[providers."php.opcache"]
ini_dir = "$php_host/conf.d"
php = "$php_host/bin/php"
reload = "$php_host/bin/reload"
TOML
opcache() {  # opcache MEMORY [EXTRA LINE]
  cat > "$specs/php.kilt" <<KILT
php.opcache "shop" on box {
  memory_consumption    = $1
  max_accelerated_files = 20000
  validate_timestamps   = false
  ${2:-}
}
KILT
}
effective() { "$php_host/bin/php" -r "echo ini_get('$1');"; }

echo "== apply over SSH, then plan is empty; a second apply writes nothing"
opcache 192MiB
run 2 "$KILTER" plan "$specs"
contains '+ php.opcache "shop" @ box'
run 0 "$KILTER" apply "$specs" --auto-approve
contains '1 handler'
[ "$(effective opcache.memory_consumption)" = 192 ] || fail "PHP sees $(effective opcache.memory_consumption)"
[ "$(wc -l < "$php_host/reloads.log")" = 1 ] || fail "php-fpm was not reloaded once"
run 0 "$KILTER" plan "$specs"
contains 'No changes.'
before=$(stat -c %Y.%i "$ini")
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$before" = "$(stat -c %Y.%i "$ini")" ] || fail "a second apply rewrote $ini"
[ "$(wc -l < "$php_host/reloads.log")" = 1 ] || fail "a second apply reloaded php-fpm"

echo "== a setting edited by hand is drift; apply fixes it"
sed -i 's/^opcache.memory_consumption=.*/opcache.memory_consumption=64/' "$ini"
run 2 "$KILTER" drift "$specs"
contains '~ php.opcache "shop" @ box  (changed on the host)'
run 0 "$KILTER" apply "$specs" --auto-approve
[ "$(effective opcache.memory_consumption)" = 192 ] || fail "apply did not restore 192"
run 0 "$KILTER" drift "$specs"

echo "== a stray ini file that overrides kilter is drift naming the file"
echo 'opcache.max_accelerated_files=4000' > "$php_host/conf.d/99-override.ini"
run 2 "$KILTER" drift "$specs"
contains '99-override.ini'
rm "$php_host/conf.d/99-override.ini"
run 0 "$KILTER" drift "$specs"

echo "== a value PHP would refuse is refused by kilter check first; nothing changes"
opcache 192MiB 'jit = "sideways"'
before=$(cat "$ini")
run 1 "$KILTER" apply "$specs" --auto-approve
contains 'error[E0207]: jit must be disable, off, on, tracing, function or a CRTO number'
[ "$before" = "$(cat "$ini")" ] || fail "a refused spec changed $ini"

echo "== an unknown host key is refused with its fingerprint; nothing changes"
opcache 128MiB
: > "$work/empty_known_hosts"
sed -i "s|^known_hosts = .*|known_hosts = \"$work/empty_known_hosts\"|" "$specs/kilter.toml"
run 1 "$KILTER" apply "$specs" --auto-approve
contains 'is not known: the server presented'
contains "ssh-keyscan -p $SSH_PORT $SSH_HOST >> $work/empty_known_hosts"
# The command stands alone on its line, so it can be pasted as it is.
grep -qxE " *ssh-keyscan -p $SSH_PORT $SSH_HOST >> $work/empty_known_hosts" <<<"$out" ||
  fail "the ssh-keyscan command shares its line with other text: $out"
grep -qF -e "$SSH_HOST_KEY_FP" -e "$SSH_HOST_KEY_ECDSA_FP" <<<"$out" || fail "no host key fingerprint shown"
[ "$before" = "$(cat "$ini")" ] || fail "a refused host changed $ini"
echo "PASS"
