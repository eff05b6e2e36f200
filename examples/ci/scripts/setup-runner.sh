#!/usr/bin/env bash
# setup-runner.sh: makes a Debian or Ubuntu CI runner ready for the other
# scripts: kilter from the package at KILTER_DEB_URL, jq and curl, and the
# SSH key in KILTER_SSH_KEY (a CI secret) as ~/.ssh/kilter, which the
# inventory names as each host's `identity`. Not run by the tests: it
# installs packages.
set -euo pipefail
sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends curl jq ca-certificates
curl -fsSLo /tmp/kilter.deb "${KILTER_DEB_URL:?KILTER_DEB_URL is where the kilter .deb is}"
"${sudo[@]}" apt-get install -y -q /tmp/kilter.deb
if [ -n "${KILTER_SSH_KEY:-}" ]; then
  install -d -m 700 ~/.ssh
  printf '%s\n' "$KILTER_SSH_KEY" > ~/.ssh/kilter
  chmod 600 ~/.ssh/kilter
fi
kilter --version
