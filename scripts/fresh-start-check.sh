#!/usr/bin/env bash
# Proves that the run command works on a fresh machine, several times in a row (3 by default): each
# round stops URR's processes and the local stack (`npm stop`), starts from an empty state directory
# (no server data, no Kafka log, no secrets, no logs; the build and download cache stays), and runs
# `npm start` once. A round passes when that one run exits 0 with every process of scripts/apps.list
# up and healthy, none of them having died on the way (no crash in any log).
#
# It takes the running stack down and starts over with empty databases, so it refuses to run without
# --yes. The state directory found at the start is moved aside and put back at the end, and the stack
# is started on it again (URR's processes too, if they were running); a failed round's state is kept
# for reading, and the check stops there.
#
#   bash scripts/fresh-start-check.sh --yes [ROUNDS]
source "$(dirname "${BASH_SOURCE[0]}")/local-stack/lib.sh"
cd "$REPO_DIR"

[ "${1:-}" = "--yes" ] || die "this stops every URR process and the local stack and starts them on empty data; run it with --yes"
ROUNDS="${2:-3}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a whole number of at least 1, not '$ROUNDS'"
case "$URR_STATE_DIR" in
  /tmp/?*) ;;
  *) die "URR_STATE_DIR=$URR_STATE_DIR is not a directory under /tmp; this check only moves and deletes such a state directory" ;;
esac

stamp="$(date +%Y%m%d-%H%M%S)"
saved_state="$URR_STATE_DIR.before-fresh-start-check.$stamp"
report_dir="/tmp/urr-fresh-start-check.$stamp"
mkdir -p "$report_dir"
say() { printf '[fresh-start-check %s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$report_dir/summary.log" >&2; }

apps_were_running=false
while read -r name _; do
  is_running "$name" && apps_were_running=true
done < <(grep -vE '^\s*(#|$)' scripts/apps.list)

# Puts the state directory found at the start back and starts the stack on it again: at the end, after
# a failed round, and on any unexpected exit once the state was moved aside.
moved_aside=false
restore() {
  $moved_aside || return 0
  moved_aside=false
  say "restoring the state directory from $saved_state"
  bash scripts/stop.sh >>"$report_dir/restore.log" 2>&1 || true
  rm -rf "$URR_STATE_DIR"
  mv "$saved_state" "$URR_STATE_DIR"
  bash scripts/local-stack/up.sh >>"$report_dir/restore.log" 2>&1 || say "the stack did not come back up; see $report_dir/restore.log"
  if $apps_were_running; then
    bash scripts/apps.sh start >>"$report_dir/restore.log" 2>&1 || say "URR's processes did not come back up; see $report_dir/restore.log"
  fi
}

# Every app of apps.list alive and healthy, and no app log showing a crash (Node's exit banner, as when
# payment-service and stats-service died on an unknown topic at their first start).
check_apps() {
  local name port _ failed=0
  while read -r name port _; do
    if ! is_running "$name"; then
      say "  $name is not running"; failed=1; continue
    fi
    if [ "$port" != "-" ] && ! curl -sf "http://127.0.0.1:$port/health" >/dev/null; then
      say "  $name does not answer /health on port $port"; failed=1
    fi
    if grep -qE '^Node\.js v' "$URR_LOG_DIR/$name.log" 2>/dev/null; then
      say "  $name crashed at some point: $URR_LOG_DIR/$name.log"; failed=1
    fi
  done < <(grep -vE '^\s*(#|$)' scripts/apps.list)
  return "$failed"
}

say "stopping URR's processes and the local stack"
bash scripts/stop.sh >"$report_dir/stop.log" 2>&1 || die "npm stop failed; see $report_dir/stop.log"
if [ -e "$URR_STATE_DIR" ]; then
  mv "$URR_STATE_DIR" "$saved_state"
else
  mkdir -p "$saved_state"
fi
moved_aside=true
trap restore EXIT
say "state directory moved aside to $saved_state; $ROUNDS rounds of npm start on an empty one"

for round in $(seq 1 "$ROUNDS"); do
  if [ -e "$URR_STATE_DIR" ]; then
    bash scripts/stop.sh >>"$report_dir/stop.log" 2>&1 || true
    rm -rf "$URR_STATE_DIR"
  fi
  say "round $round/$ROUNDS: npm start on a fresh state directory (output: $report_dir/round-$round.log)"
  started=$SECONDS
  if npm start >"$report_dir/round-$round.log" 2>&1 && check_apps; then
    say "round $round/$ROUNDS passed in $((SECONDS - started)) s"
    continue
  fi
  say "round $round/$ROUNDS FAILED after $((SECONDS - started)) s; last lines of npm start:"
  tail -n 20 "$report_dir/round-$round.log" | tee -a "$report_dir/summary.log" >&2
  bash scripts/stop.sh >>"$report_dir/stop.log" 2>&1 || true
  mv "$URR_STATE_DIR" "$report_dir/failed-state"
  say "the failed round's state (logs in $report_dir/failed-state/logs) is kept"
  restore
  exit 1
done

say "all $ROUNDS rounds passed: npm start brings every process up on the first try from an empty state"
restore
say "done; the summary is $report_dir/summary.log"
