#!/usr/bin/env bash
# Redis (Debian) on loopback, in memory only.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start() {
  apt_install redis-server
  if is_running redis && redis-cli -p "$URR_REDIS_PORT" ping >/dev/null 2>&1; then
    log "redis already running on 127.0.0.1:$URR_REDIS_PORT"; return 0
  fi
  stop_daemon redis
  mkdir -p "$URR_STATE_DIR/redis"
  start_daemon redis redis-server --bind 127.0.0.1 --port "$URR_REDIS_PORT" --save '' --appendonly no \
    --dir "$URR_STATE_DIR/redis" --daemonize no --maxclients 10000
  wait_for redis 30 redis-cli -p "$URR_REDIS_PORT" ping
  log "redis ready on 127.0.0.1:$URR_REDIS_PORT"
}

stop() { stop_daemon redis; }

"${1:-start}"
