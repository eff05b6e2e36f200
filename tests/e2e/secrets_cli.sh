#!/usr/bin/env bash
# Secrets named with env() and file() live only in the controller's memory:
# `check` does not read them, no output and no byte of a saved plan holds
# them, `apply plan.json` reads them again and writes them to the host, and
# a secret that changed since the plan (or another fingerprint key) makes
# the apply refuse, naming the resource, with nothing written.
. "$(dirname "$0")/lib.sh"
inventory local
random() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
export KILTER_SECRET_KEY="key-$(random)"
token="tok-$(random)"
dbpass="pw-$(random)"
mkdir -p "$specs/secrets"
printf '%s' "$dbpass" > "$specs/secrets/db.pass"
cat > "$specs/app.kilt" <<KILT
file "token" on box {
  path    = "$root/token"
  content = env("APP_TOKEN")
  mode    = "0600"
  owner   = "$(id -un)"
  group   = "$(id -gn)"
}

file "db.cnf" on box {
  path    = "$root/db.cnf"
  content = "[client]\npassword=\${file("secrets/db.pass")}\n"
  mode    = "0600"
  owner   = "$(id -un)"
  group   = "$(id -gn)"
}
KILT

# no_secret WHAT: neither secret appears in $out.
no_secret() { lacks "$token"; lacks "$dbpass"; }

echo "== check validates the references without reading them"
run 0 env -u APP_TOKEN "$KILTER" check "$specs"
lacks "W0202"
run 0 env -u APP_TOKEN "$KILTER" compile "$specs"
contains '"env": "APP_TOKEN"'
contains "\"file\": \"$specs/secrets/db.pass\""

echo "== plan without the variable: an error naming the spec, resource and variable"
run 1 env -u APP_TOKEN "$KILTER" plan "$specs"
contains "app.kilt:1:1: file \"token\" @ box: content: env(\"APP_TOKEN\"): the environment variable APP_TOKEN is not set"
[ ! -e "$root/token" ] || fail "a failed plan wrote a file"

echo "== plan -o: the secrets are in no output and nowhere in the plan file"
export APP_TOKEN=$token
for format in text json markdown; do
  run 2 "$KILTER" plan "$specs" --format "$format" -o "$work/plan.json"
  no_secret
done
contains '(sensitive)'
out=$(cat "$work/plan.json")
no_secret
contains '"env": "APP_TOKEN"'
contains '"fingerprint": "hmac-sha256:'
lacks '"fingerprint": "sha256:'

echo "== apply plan.json reads the secrets again and writes them"
run 0 "$KILTER" apply "$work/plan.json"
no_secret
[ "$(cat "$root/token")" = "$token" ] || fail "token holds $(cat "$root/token")"
[ "$(cat "$root/db.cnf")" = "$(printf '[client]\npassword=%s' "$dbpass")" ] ||
  fail "db.cnf holds $(cat "$root/db.cnf")"
run 0 "$KILTER" plan "$specs"
no_secret
run 0 "$KILTER" drift "$specs"

echo "== a secret changed since the plan: apply refuses, naming the resource"
new="new-$(random)"
APP_TOKEN=$new run 2 "$KILTER" plan "$specs" -o "$work/plan2.json"
out=$(cat "$work/plan2.json")
lacks "$new"
APP_TOKEN="newer-$(random)" run 1 "$KILTER" apply "$work/plan2.json"
contains "file \"token\" @ box: content: env(\"APP_TOKEN\") has changed since the plan was made: plan again"
[ "$(cat "$root/token")" = "$token" ] || fail "a refused apply changed the token"

echo "== another fingerprint key: apply refuses"
APP_TOKEN=$new KILTER_SECRET_KEY="other-$(random)" run 1 "$KILTER" apply "$work/plan2.json"
contains "the plan's secrets were fingerprinted with another key"
[ "$(cat "$root/token")" = "$token" ] || fail "a refused apply changed the token"

echo "== the same secret and key: apply writes the new value"
APP_TOKEN=$new run 0 "$KILTER" apply "$work/plan2.json"
lacks "$new"
[ "$(cat "$root/token")" = "$new" ] || fail "token holds $(cat "$root/token")"
echo "PASS"
