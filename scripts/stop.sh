#!/usr/bin/env bash
# Stops everything `npm start` (or `npm test`) started, by pid file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/apps.sh stop
bash scripts/local-stack/down.sh
