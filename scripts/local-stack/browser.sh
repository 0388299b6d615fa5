#!/usr/bin/env bash
# Debian's Chromium (driven by playwright-core in the browser tests) and a Korean font for the pages.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start() {
  apt_install chromium fonts-nanum
  log "chromium ready: $(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown')"
}

stop() { :; }

"${1:-start}"
