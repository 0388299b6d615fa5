#!/usr/bin/env bash
# Stops exactly the servers this stack started (by their pid files), in reverse order.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The node (npm run cluster) first: its pods and mounts live in the state directory, and it needs
# the API server to leave cleanly.
if [ -d "$URR_STATE_DIR/node" ]; then bash "$STACK_DIR/cluster.sh" down; fi

for server in kube kafka aws redis postgres; do
  bash "$STACK_DIR/$server.sh" stop
done
log "local stack stopped"
