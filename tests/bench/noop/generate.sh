#!/usr/bin/env bash
# Writes the specs of the no-op benchmark into DIR: one local host "box" with
# one php.opcache resource setting 20 directives, a firewall chain with
# RULES rules, and 20 mysql.index resources on one table (c1 .. c20).
#
#   generate.sh DIR RULES
#
# The environment names the host's parts: STATE_DIR (the engine's state_dir),
# PHP_DIR (a host made by the estate's php new-host), NFT (the nft command,
# e.g. "ip netns exec NS nft"), MARIADB_CLIENT, MARIADB_DEFAULTS_FILE,
# DATABASE and TABLE.
set -euo pipefail
dir=${1:?usage: generate.sh DIR RULES}
rules=${2:?usage: generate.sh DIR RULES}
: "${STATE_DIR:?}" "${PHP_DIR:?}" "${NFT:?}" "${MARIADB_CLIENT:?}" "${MARIADB_DEFAULTS_FILE:?}"
: "${DATABASE:?}" "${TABLE:?}"
mkdir -p "$dir"

cat > "$dir/kilter.toml" <<TOML
[hosts.box]
address = "127.0.0.1"
transport = "local"

[providers.kilter]
state_dir = "$STATE_DIR"

[providers."php.opcache"]
ini_dir = "$PHP_DIR/conf.d"
php = "$PHP_DIR/bin/php"
reload = "$PHP_DIR/bin/reload"

[providers.firewall]
nft = "$NFT"

[providers."mysql.index"]
client = "$MARIADB_CLIENT"
defaults_file = "$MARIADB_DEFAULTS_FILE"
TOML

cat > "$dir/php.kilt" <<'KILT'
php.opcache "bench" on box {
  enable                  = true
  enable_cli              = false
  memory_consumption      = 256MiB
  interned_strings_buffer = 32MiB
  max_accelerated_files   = 20000
  max_wasted_percentage   = 10
  max_file_size           = 0B
  force_restart_timeout   = 180s
  validate_timestamps     = false
  revalidate_freq         = 0s
  revalidate_path         = false
  file_update_protection  = 2s
  use_cwd                 = true
  enable_file_override    = true
  save_comments           = true
  record_warnings         = false
  huge_code_pages         = false
  log_verbosity_level     = 1
  jit                     = "disable"
  jit_buffer_size         = 0B
}
KILT

{
  printf 'firewall.chain "input" on box {\n  hook   = "input"\n  policy = "accept"\n}\n'
  for ((i = 0; i < rules; i++)); do
    printf '\nfirewall.rule "r%d" on box {\n  chain  = "input"\n  proto  = "tcp"\n' "$i"
    printf '  dport  = %d\n  saddr  = 10.%d.%d.0/24\n  action = "accept"\n}\n' \
      $((10000 + i)) $((i / 256 % 256)) $((i % 256))
  done
} > "$dir/firewall.kilt"

{
  for i in $(seq 20); do
    printf 'mysql.index "c%d" on box {\n  database = "%s"\n  table    = "%s"\n' "$i" "$DATABASE" "$TABLE"
    printf '  columns  = ["c%d"]\n}\n\n' "$i"
  done
} > "$dir/mysql.kilt"
