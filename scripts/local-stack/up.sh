#!/usr/bin/env bash
# Installs (first run only) and starts every server of the local stack on 127.0.0.1, in parallel.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVERS=(postgres redis aws kafka kube)
started_at=$SECONDS
log "bringing up: ${SERVERS[*]} (state: $URR_STATE_DIR, cache: $URR_CACHE_DIR)"

declare -A pids
for server in "${SERVERS[@]}"; do
  bash "$STACK_DIR/$server.sh" start 2>&1 | sed -u "s/^/[$server] /" >&2 &
  pids[$server]=$!
done

failed=()
for server in "${SERVERS[@]}"; do
  wait "${pids[$server]}" || failed+=("$server")
done
if [ ${#failed[@]} -gt 0 ]; then
  die "could not start: ${failed[*]} — see the messages above and the logs in $URR_LOG_DIR"
fi
log "local stack up in $((SECONDS - started_at)) s: postgres :$URR_PG_PORT, redis :$URR_REDIS_PORT, kafka :$URR_KAFKA_PORT, dynamodb+sqs :$URR_AWS_PORT, kube-apiserver :$URR_KUBE_PORT"
