#!/usr/bin/env bash
# Test estate service "restic": a place for backup repositories, a repository
# password file, a cron directory kilter's backup.policy provider manages, and
# a source tree of files to back up. The repository itself is not created:
# applying a backup.policy initialises it.
set -euo pipefail
dir=$ESTATE_DIR/restic

case "$1" in
  up)
    command -v restic >/dev/null || { echo "estate restic: restic is not installed" >&2; exit 1; }
    rm -rf "$dir"
    mkdir -p "$dir/repos" "$dir/cron.d" "$dir/jobs" "$dir/scratch" "$dir/source/www/catalog"
    umask 077
    head -c 24 /dev/urandom | base64 > "$dir/password"
    umask 022
    for i in $(seq 20); do
      printf 'page %d\n' "$i" > "$dir/source/www/catalog/page$i.html"
    done
    cat > "$ESTATE_DIR/restic.env" <<ENV
RESTIC_REPOS=$dir/repos
RESTIC_PASSWORD_FILE_PATH=$dir/password
RESTIC_CRON_DIR=$dir/cron.d
RESTIC_JOB_DIR=$dir/jobs
RESTIC_SCRATCH=$dir/scratch
RESTIC_SOURCE=$dir/source/www
ENV
    echo "estate restic: repositories under $dir/repos"
    ;;
  down)
    rm -rf "$dir" "$ESTATE_DIR/restic.env"
    ;;
  status)
    [ -f "$ESTATE_DIR/restic.env" ] && echo "restic: ready" || echo "restic: down"
    ;;
esac
