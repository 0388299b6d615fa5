#!/usr/bin/env bash
# Stops exactly the servers this stack started (by their pid files), in reverse order.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for server in kube kafka aws redis postgres; do
  bash "$STACK_DIR/$server.sh" stop
done
log "local stack stopped"
