#!/usr/bin/env bash
# Shared helpers for the local stack scripts: where things live, logging, pid files, waiting.
set -euo pipefail

STACK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$STACK_DIR/../.." && pwd)"
# Builds and downloads survive across clones so a second run starts in seconds.
URR_CACHE_DIR="${URR_CACHE_DIR:-$HOME/.cache/urr}"
# Data, pid files and logs of the running servers (world-traversable: PostgreSQL runs as its own user).
URR_STATE_DIR="${URR_STATE_DIR:-/tmp/urr-stack}"
URR_LOG_DIR="$URR_STATE_DIR/logs"
URR_PID_DIR="$URR_STATE_DIR/pids"
mkdir -p "$URR_CACHE_DIR" "$URR_STATE_DIR" "$URR_LOG_DIR" "$URR_PID_DIR"
chmod 755 "$URR_STATE_DIR"

# shellcheck source=ports.env
source "$STACK_DIR/ports.env"

log() { printf '[local-stack %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[local-stack] ERROR: %s\n' "$*" >&2; exit 1; }

# apt_install PKG... — installs Debian packages that are missing (root on this machine).
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ ! -f "$URR_CACHE_DIR/.apt-updated" ] || [ -n "$(find "$URR_CACHE_DIR/.apt-updated" -mmin +1440 2>/dev/null)" ]; then
    $sudo apt-get update -qq >>"$URR_LOG_DIR/apt.log" 2>&1 || die "apt-get update failed; see $URR_LOG_DIR/apt.log"
    touch "$URR_CACHE_DIR/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$URR_LOG_DIR/apt.log" 2>&1 \
    || die "apt-get install ${missing[*]} failed; see $URR_LOG_DIR/apt.log"
}

pid_file() { echo "$URR_PID_DIR/$1.pid"; }

# is_running NAME — true when NAME's pid file names a live process.
is_running() {
  local f; f="$(pid_file "$1")"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# start_daemon NAME CMD... — runs CMD in the background with its log, records its pid.
start_daemon() {
  local name="$1"; shift
  local logf="$URR_LOG_DIR/$name.log"
  log "starting $name (log: $logf)"
  nohup setsid "$@" >>"$logf" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

# alive PID — the process exists and has not exited (an exited daemon stays a zombie until PID 1,
# its parent once the starting script is gone, reaps it).
alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat%% *}" != Z ]
}

# stop_daemon NAME [SIGNAL] — ends exactly the process recorded in NAME's pid file.
stop_daemon() {
  local name="$1" signal="${2:-TERM}" f pid
  f="$(pid_file "$name")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -"$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
      log "$name did not stop in 10 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$f"
}

# wait_for NAME SECONDS CMD... — polls CMD until it succeeds, or fails with the log's tail.
wait_for() {
  local name="$1" timeout="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      tail -n 30 "$URR_LOG_DIR/$name.log" >&2 2>/dev/null || true
      die "$name did not become ready within ${timeout}s; its log is $URR_LOG_DIR/$name.log"
    fi
    if [ -f "$(pid_file "$name")" ] && ! is_running "$name"; then
      tail -n 30 "$URR_LOG_DIR/$name.log" >&2 2>/dev/null || true
      die "$name exited during start-up; its log is $URR_LOG_DIR/$name.log"
    fi
    sleep 0.5
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# forget_stale NAME BIN — drops NAME's pid file unless it names a live process running BIN, so that
# stop never signals a process that merely reused the pid.
forget_stale() {
  local f exe; f="$(pid_file "$1")"
  [ -f "$f" ] || return 0
  exe="$(readlink "/proc/$(cat "$f")/exe" 2>/dev/null || true)"
  if [ "${exe% (deleted)}" != "$(readlink -f "$2")" ]; then
    log "removing stale pid file of $1"; rm -f "$f"
  fi
}

# write_if_changed FILE — writes stdin to FILE only when it differs, so daemons that watch their
# config files (kube-proxy exits when its file is written) see no change when there is none.
write_if_changed() {
  local tmp="$1.tmp.$$"
  cat >"$tmp"
  if cmp -s "$tmp" "$1"; then rm -f "$tmp"; else mv -f "$tmp" "$1"; fi
}
