#!/usr/bin/env bash
# moto's server from PyPI: the DynamoDB- and SQS-compatible endpoint on loopback.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MOTO_VERSION="5.2.1"
# moto's app served by waitress, which keeps connections open as AWS does (see moto/atomic_server.py).
WAITRESS_VERSION="3.0.2"
MOTO_VENV="$URR_CACHE_DIR/moto-$MOTO_VERSION"

install_moto() {
  "$MOTO_VENV/bin/python" -c "import moto.server, waitress" 2>/dev/null && return 0
  log "installing moto[server]==$MOTO_VERSION and waitress==$WAITRESS_VERSION into $MOTO_VENV"
  [ -x "$MOTO_VENV/bin/pip" ] || python3 -m venv "$MOTO_VENV" || { apt_install python3-venv; python3 -m venv "$MOTO_VENV"; }
  "$MOTO_VENV/bin/pip" install -q --disable-pip-version-check "moto[server]==$MOTO_VERSION" \
    "waitress==$WAITRESS_VERSION" >&2 || die "pip install moto[server]==$MOTO_VERSION waitress==$WAITRESS_VERSION failed"
}

healthy() { curl -sf "http://127.0.0.1:$URR_AWS_PORT/moto-api/" -o /dev/null; }

start() {
  install_moto
  if is_running aws && healthy; then log "moto already running on 127.0.0.1:$URR_AWS_PORT"; return 0; fi
  stop_daemon aws
  # moto's server, with its DynamoDB writes serialized so each one is atomic as in DynamoDB (see the file).
  start_daemon aws "$MOTO_VENV/bin/python" "$STACK_DIR/moto/atomic_server.py" -H 127.0.0.1 -p "$URR_AWS_PORT"
  wait_for aws 60 healthy
  log "moto (DynamoDB + SQS) ready on http://127.0.0.1:$URR_AWS_PORT"
}

stop() { stop_daemon aws; }

"${1:-start}"
