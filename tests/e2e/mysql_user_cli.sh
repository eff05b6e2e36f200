#!/usr/bin/env bash
# mysql.user through the kilter binary, over the local transport and over
# SSH, against a MariaDB server of its own: check, plan -o, apply of the
# saved plan, plan empty; the declared user logs in with the declared
# password and is denied what it was not granted; grants written in another
# order, case and spacing change nothing; a grant added by hand is revoked;
# a changed grant list is granted; a password changed in the secret or by
# hand is detected and set again; after a restart of the server the accounts
# hold (the grant tables are persistent); an account kilter created that no
# spec declares any more is dropped, the last one too; an account kilter did not create is
# refused until adopt = true; root is never touched. Accounts made by hand
# are imported over both transports and plan nothing. Every output, the saved
# plans and the state directory are searched for the passwords and their
# hashes: none holds one.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/own_mariadb.sh"
own_mariadb 35
sql "CREATE DATABASE opencart; CREATE TABLE opencart.oc_product (product_id INT PRIMARY KEY)"

random() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
shop_pw="shop-$(random)"
shop_pw2="shop2-$(random)"
sync_pw="sync-$(random)"
hand_pw="hand-$(random)"
export SHOP_DB_PASSWORD=$shop_pw SYNC_DB_PASSWORD=$sync_pw HAND_DB_PASSWORD=$hand_pw
secrets=("$shop_pw" "$shop_pw2" "$sync_pw" "$hand_pw")
for pw in "${secrets[@]}"; do
  hash=$(sql "SELECT PASSWORD('$pw')")
  secrets+=("${hash#\*}")
done

outputs=$work/outputs.log
# k EXPECTED_EXIT ARGS...: kilter, its output kept for the search for secrets.
k() {
  local want=$1; shift
  run "$want" "$KILTER" "$@"
  printf '%s\n' "$out" >> "$outputs"
}
# as USER PASSWORD SQL: runs SQL logged in as USER with PASSWORD (from an option file).
as() {
  printf '[client]\nsocket = %s\nuser = %s\npassword = %s\n' "$srv/mariadbd.sock" "$1" "$2" \
    > "$work/login.cnf"
  mariadb --defaults-file="$work/login.cnf" -N -B -e "$3" 2>&1
}
root_state() { sql "SHOW GRANTS FOR root@localhost; SELECT plugin, authentication_string FROM mysql.user WHERE User = 'root'"; }
root_before=$(root_state)

spec() {  # spec SHOP_GRANTS SYNC_GRANTS [extra resources]
  cat > "$specs/db.kilt" <<KILT
mysql.user "app" on box {
  user     = "shop"
  host     = "localhost"
  password = env("SHOP_DB_PASSWORD")
  grants   = [$1]
}
$( [ -n "$2" ] && cat <<SYNC
mysql.user "sync-worker" on box {
  user                 = "sync"
  host                 = "localhost"
  password             = env("SYNC_DB_PASSWORD")
  grants               = [$2]
  max_user_connections = 5
}
SYNC
)
${3:-}
KILT
}

for transport in local ssh; do
  echo "== mysql.user over $transport"
  sql "DROP USER IF EXISTS shop@localhost, sync@localhost, hand@localhost"
  rm -f "$state/mysql.user.owned"
  export SHOP_DB_PASSWORD=$shop_pw
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers."mysql.user"]
defaults_file = "$srv/client.cnf"
TOML
  spec '"SELECT, INSERT, UPDATE, DELETE ON opencart.*"' '"SELECT, INSERT, UPDATE ON opencart.oc_product"'

  k 0 check "$specs"
  lacks "warning["
  k 2 plan "$specs" -o "$work/plan.json"
  contains '+ mysql.user "app" @ box'
  contains "CREATE USER 'shop'@'localhost' IDENTIFIED BY PASSWORD <hash of the declared password> REQUIRE NONE WITH MAX_USER_CONNECTIONS 0"
  contains "GRANT SELECT, INSERT, UPDATE ON \`opencart\`.\`oc_product\` TO 'sync'@'localhost'"
  cat "$work/plan.json" >> "$outputs"
  k 0 apply "$work/plan.json"
  k 0 plan "$specs"
  contains "No changes."
  [ "$(as shop "$shop_pw" 'SELECT COUNT(*) FROM opencart.oc_product')" = 0 ] || fail "shop cannot log in and read"
  denied=$(as shop "$shop_pw" 'DROP TABLE opencart.oc_product') && fail "shop could drop a table"
  grep -q "DROP command denied" <<<"$denied" || fail "the DROP was not denied by its grants: $denied"
  as sync "$sync_pw" 'SELECT @@max_user_connections' >/dev/null || fail "sync cannot log in"
  [ "$(sql "SELECT max_user_connections FROM mysql.user WHERE User = 'sync'")" = 5 ] || fail "sync's limit is not 5"

  # Order, case and spacing of a grant are not a change.
  spec '"delete,update ,  insert, select on `opencart`.*"' '"select,insert,update ON opencart.oc_product"'
  k 0 plan "$specs"
  contains "No changes."

  # A grant added by hand is revoked.
  sql "GRANT DROP ON opencart.* TO shop@localhost"
  k 2 drift "$specs"
  contains "REVOKE DROP ON \`opencart\`.* FROM 'shop'@'localhost'"
  k 0 apply "$specs" --auto-approve
  sql "SHOW GRANTS FOR shop@localhost" | grep -q DROP && fail "the hand grant was not revoked"
  k 0 plan "$specs"

  # A changed grant list: granted, and the user may then do it.
  spec '"SELECT, INSERT, UPDATE, DELETE, CREATE TEMPORARY TABLES ON opencart.*"' '"SELECT, INSERT, UPDATE, DELETE ON opencart.oc_product"'
  k 2 plan "$specs"
  contains "GRANT CREATE TEMPORARY TABLES ON \`opencart\`.* TO 'shop'@'localhost'"
  contains "GRANT DELETE ON \`opencart\`.\`oc_product\` TO 'sync'@'localhost'"
  k 0 apply "$specs" --auto-approve
  as sync "$sync_pw" 'DELETE FROM opencart.oc_product' >/dev/null || fail "sync was not granted DELETE"
  k 0 plan "$specs"
  contains "No changes."

  # TLS required of the sync workers: REQUIRE SSL, and then a plan with nothing to do.
  sed -i 's/^  max_user_connections = 5$/  max_user_connections = 5\n  require_ssl          = true/' "$specs/db.kilt"
  k 2 plan "$specs"
  contains "ALTER USER 'sync'@'localhost' REQUIRE SSL"
  k 0 apply "$specs" --auto-approve
  [ "$(sql "SELECT ssl_type FROM mysql.user WHERE User = 'sync'")" = ANY ] || fail "sync does not require SSL"
  k 0 plan "$specs"
  contains "No changes."

  # A new password in the secret: detected by the hash, set, the old one refused.
  export SHOP_DB_PASSWORD=$shop_pw2
  k 2 plan "$specs" -o "$work/plan2.json"
  contains "password: (sensitive) → (sensitive)"
  contains "ALTER USER 'shop'@'localhost' IDENTIFIED BY PASSWORD <hash of the declared password>"
  cat "$work/plan2.json" >> "$outputs"
  k 0 apply "$work/plan2.json"
  as shop "$shop_pw2" 'SELECT 1' >/dev/null || fail "shop cannot log in with the new password"
  as shop "$shop_pw" 'SELECT 1' >/dev/null && fail "shop still logs in with the old password"
  k 0 plan "$specs"
  contains "No changes."

  # A password set by hand is drift, and apply sets the declared one again.
  sql "SET PASSWORD FOR shop@localhost = PASSWORD('by-hand')"
  k 2 drift "$specs"
  contains "the password's hash on the server is not the declared password's"
  k 0 apply "$specs" --auto-approve
  as shop "$shop_pw2" 'SELECT 1' >/dev/null || fail "the declared password was not set again"

  # The grant tables persist: a restarted server holds the accounts as applied.
  stop
  start
  as shop "$shop_pw2" 'SELECT COUNT(*) FROM opencart.oc_product' >/dev/null || fail "shop lost at restart"
  k 0 plan "$specs"
  contains "No changes."

  # An account kilter did not create: refused while it differs, adopted on request.
  sql "CREATE USER hand@localhost IDENTIFIED BY 'x'; GRANT SELECT ON opencart.* TO hand@localhost"
  hand='mysql.user "hand" on box {
  user     = "hand"
  password = env("HAND_DB_PASSWORD")
  grants   = ["SELECT, INSERT ON opencart.*"]
}'
  spec '"SELECT, INSERT, UPDATE, DELETE, CREATE TEMPORARY TABLES ON opencart.*"' '"SELECT, INSERT, UPDATE, DELETE ON opencart.oc_product"' "$hand"
  k 1 plan "$specs"
  contains "the account 'hand'@'localhost' exists and kilter did not create it, and it is not as declared"
  contains "set adopt = true"
  [ "$(sql "SHOW GRANTS FOR hand@localhost" | grep -c INSERT)" = 0 ] || fail "a refused plan changed hand"
  spec '"SELECT, INSERT, UPDATE, DELETE, CREATE TEMPORARY TABLES ON opencart.*"' '"SELECT, INSERT, UPDATE, DELETE ON opencart.oc_product"' "${hand%\}}  adopt    = true
}"
  k 2 plan "$specs"
  contains "adopt = true: kilter takes over 'hand'@'localhost'"
  k 0 apply "$specs" --auto-approve
  as hand "$hand_pw" 'SELECT 1' >/dev/null || fail "the adopted account did not get the declared password"
  k 0 plan "$specs"
  contains "No changes."

  # Accounts kilter created (or adopted) that no spec declares are dropped.
  spec '"SELECT, INSERT, UPDATE, DELETE, CREATE TEMPORARY TABLES ON opencart.*"' ''
  k 2 plan "$specs"
  contains '- mysql.user "sync-worker" @ box'
  contains "DROP USER 'sync'@'localhost'"
  contains "DROP USER 'hand'@'localhost'"
  k 0 apply "$specs" --auto-approve
  [ "$(sql "SELECT COUNT(*) FROM mysql.user WHERE User IN ('sync', 'hand')")" = 0 ] || fail "sync or hand not dropped"
  [ "$(sql "SELECT COUNT(*) FROM mysql.user WHERE User = 'shop'")" = 1 ] || fail "shop was dropped"
  k 0 plan "$specs"
  contains "No changes."

  # The last mysql.user gone from the specs: its account is dropped too.
  printf '# no accounts\n' > "$specs/db.kilt"
  k 2 plan "$specs"
  contains "DROP USER 'shop'@'localhost'"
  k 0 apply "$specs" --auto-approve
  [ "$(sql "SELECT COUNT(*) FROM mysql.user WHERE User = 'shop'")" = 0 ] || fail "shop not dropped"
  k 0 plan "$specs"
  contains "No changes."

  [ "$(root_state)" = "$root_before" ] || fail "root's account or grants changed"
done

# kilter import: accounts made by hand come back as specs that check clean and
# plan nothing once the password variable is set; apply changes nothing.
imp_pw="imp-$(random)"
secrets+=("$imp_pw" "$(sql "SELECT PASSWORD('$imp_pw')" | tr -d '*')")
sql "CREATE USER imp@localhost IDENTIFIED BY '$imp_pw'; GRANT SELECT, INSERT ON opencart.* TO imp@localhost;
     CREATE USER sock@localhost IDENTIFIED VIA unix_socket; GRANT SELECT ON opencart.oc_product TO sock@localhost"
for transport in local ssh; do
  echo "== import over $transport"
  rm -rf "${specs:?}"/*
  inventory "$transport"
  cat >> "$specs/kilter.toml" <<TOML

[providers."mysql.user"]
defaults_file = "$srv/client.cnf"
TOML
  k 0 import "$specs" --host box --type mysql.user --user imp --user sock --user root -o "$specs/users.kilt"
  cat "$specs/users.kilt" >> "$outputs"
  grep -q 'password = env("DB_PASSWORD_IMP")' "$specs/users.kilt" || { cat "$specs/users.kilt" >&2; fail "imp's password is not env(DB_PASSWORD_IMP)"; }
  grep -q 'plugin = "unix_socket"' "$specs/users.kilt" || { cat "$specs/users.kilt" >&2; fail "sock is not unix_socket"; }
  grep -q '"SELECT, INSERT ON opencart.\*"' "$specs/users.kilt" || { cat "$specs/users.kilt" >&2; fail "imp's grants are missing"; }
  grep -q '"root' "$specs/users.kilt" && { cat "$specs/users.kilt" >&2; fail "root was imported"; }
  k 0 fmt --check "$specs"
  k 0 check "$specs"
  lacks "warning["
  DB_PASSWORD_IMP=$imp_pw k 0 plan "$specs"
  contains "No changes."
  DB_PASSWORD_IMP=$imp_pw k 0 apply "$specs" --auto-approve
  as imp "$imp_pw" 'SELECT 1' >/dev/null || fail "import or apply changed imp's password"
  [ "$(sql "SHOW GRANTS FOR sock@localhost" | grep -c oc_product)" = 1 ] || fail "sock's grant changed"
done

# No output, saved plan or file in the state directory holds a password or a hash of one.
cat "$state"/* >> "$outputs" 2>/dev/null || true
for s in "${secrets[@]}"; do
  grep -qiF -- "$s" "$outputs" && fail "a password or its hash appears in kilter's output or plans"
  grep -rqiF -- "$s" "$state" "$specs" && fail "a password or its hash appears in the state directory or specs"
done
grep -q "'shop'@'localhost'" "$outputs" || fail "the outputs were not collected"
echo "mysql.user e2e: ok"
