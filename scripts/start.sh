#!/usr/bin/env bash
# The one run command: installs what is missing and brings up everything that exists, on 127.0.0.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install.sh
bash scripts/local-stack/up.sh
bash scripts/apps.sh start
bash scripts/seed-demo.sh
echo "[start] everything is up: open http://127.0.0.1:8080 (the local edge). Logs: ${URR_STATE_DIR:-/tmp/urr-stack}/logs. Stop with: npm stop"
