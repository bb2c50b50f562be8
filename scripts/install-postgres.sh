#!/usr/bin/env bash
# Installs Debian's PostgreSQL server when no server binaries are present. Needs root and apt-get.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "PostgreSQL server binaries are missing: install Debian's 'postgresql' package (apt-get install postgresql)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
# The package starts a cluster of its own on port 5432; the tests use a throwaway one instead.
if command -v pg_ctlcluster >/dev/null; then
  for cluster in /etc/postgresql/*/main; do
    [ -d "$cluster" ] && pg_ctlcluster "$(basename "$(dirname "$cluster")")" main stop 2>/dev/null || true
  done
fi
