#!/usr/bin/env bash
# Installs the npm workspaces when the lockfile changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp="node_modules/.urr-lock-hash"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  echo "[install] npm packages up to date"
  exit 0
fi
echo "[install] installing npm packages (npm ci)..."
npm ci --no-audit --no-fund --loglevel=error
echo "$lock_hash" >"$stamp"
