#!/usr/bin/env bash
# Writes the specs of the many-hosts benchmark into SPECS: hosts h0..hN-1,
# host I reached over SSH at 127.0.0.1:PORT_BASE+I (tests/bench/hosts/sshds.sh
# started it in DIR), each with the same small estate in its own directory
# DIR/hI/: one php.opcache resource (a PHP host made by the estate's php
# new-host in DIR/hI/php) and 20 `file` resources in DIR/hI/files; the
# engine's state in DIR/hI/state.
#
#   generate.sh SPECS DIR N PORT_BASE
set -euo pipefail
specs=${1:?usage: generate.sh SPECS DIR N PORT_BASE}
dir=${2:?usage: generate.sh SPECS DIR N PORT_BASE}
count=${3:?usage: generate.sh SPECS DIR N PORT_BASE}
base=${4:?usage: generate.sh SPECS DIR N PORT_BASE}
user=$(id -un)
group=$(id -gn)
mkdir -p "$specs"

{
  printf '[ssh]\nknown_hosts = "%s"\n' "$dir/known_hosts"
  for ((i = 0; i < count; i++)); do
    host=$dir/h$i
    cat <<TOML

[hosts.h$i]
address = "127.0.0.1"
port = $((base + i))
user = "$user"
identity = "$dir/client"

[hosts.h$i.providers.kilter]
state_dir = "$host/state"

[hosts.h$i.providers."php.opcache"]
ini_dir = "$host/php/conf.d"
php = "$host/php/bin/php"
reload = "$host/php/bin/reload"
TOML
  done
} > "$specs/kilter.toml"

{
  for ((i = 0; i < count; i++)); do
    host=$dir/h$i
    cat <<KILT
php.opcache "shop" on h$i {
  memory_consumption      = 256MiB
  interned_strings_buffer = 32MiB
  max_accelerated_files   = 20000
  validate_timestamps     = false
}

for n in [$(seq -s, 1 20)] {
  file "f\${n}" on h$i {
    path    = "$host/files/file\${n}.conf"
    content = "setting_\${n} = \${n}\\n# a small managed file\\n"
    owner   = "$user"
    group   = "$group"
  }
}

KILT
  done
} > "$specs/hosts.kilt"
