#!/usr/bin/env bash
# Installs (or checks) the system packages the test tiers need, from Debian's packages.
#   chromium fonts-liberation   browser e2e tests (driven by playwright-core; no browser download)
#   postgresql-15-postgis-3     the PostgreSQL path, and the PostGIS baseline in benchmarks
#   postgresql-15-pgrouting     the pgRouting baseline for the walking pass in benchmarks
#   poppler-utils               pdftoppm / pdffonts to check exported PDFs
# Idempotent and quick when everything is present. Needs root (or sudo) only when something is missing.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if command -v pg_config >/dev/null 2>&1 || [ -d /usr/lib/postgresql ]; then
  pgver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  if [ -n "$pgver" ] && [ ! -f "/usr/share/postgresql/$pgver/extension/postgis.control" ]; then
    need+=("postgresql-$pgver-postgis-3")
  fi
  if [ -n "$pgver" ] && [ ! -f "/usr/share/postgresql/$pgver/extension/pgrouting.control" ]; then
    need+=("postgresql-$pgver-pgrouting")
  fi
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "setup-system: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "setup-system: chromium, fonts, poppler, PostGIS and pgRouting present"
fi

# Start the local PostgreSQL cluster if one is installed but stopped.
if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  ver=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
  if [ -n "$ver" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start || echo "setup-system: could not start PostgreSQL $ver"
  fi
fi
