#!/usr/bin/env bash
# Demo data for the local stack, idempotent: the demo events (a 2,000-seat hall, a standing show, a presale), a local admin account, and the
# demo sales opened the declarative way: the TicketEvents of operator/examples (one per demo event),
# applied with each event's seeded sale window, which the running operator turns into open queues.
source "$(dirname "${BASH_SOURCE[0]}")/local-stack/lib.sh"
cd "$REPO_DIR"
# shellcheck disable=SC1091
set -a; source scripts/local.env; source "$URR_STATE_DIR/secrets.env"; set +a

log "seeding the demo events (a 2,000-seat hall, a standing show, a presale)"
DATABASE_URL="postgres://urr@127.0.0.1:$URR_PG_PORT/ticket_db" npm run -s seed -w @urr/ticket-service >>"$URR_LOG_DIR/seed.log" 2>&1 \
  || die "seeding the demo events failed; see $URR_LOG_DIR/seed.log"

admin_email="admin@urr.local"
if ! grep -q '^URR_DEMO_ADMIN_PASSWORD=' "$URR_STATE_DIR/secrets.env"; then
  echo "URR_DEMO_ADMIN_PASSWORD=$(openssl rand -hex 12)" >>"$URR_STATE_DIR/secrets.env"
fi
admin_password="$(grep '^URR_DEMO_ADMIN_PASSWORD=' "$URR_STATE_DIR/secrets.env" | cut -d= -f2)"
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:3005/api/v1/auth/register" \
  -H 'content-type: application/json' \
  -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\",\"displayName\":\"URR admin\"}")"
case "$status" in
  201|200|409) ;;
  *) die "registering the demo admin failed with HTTP $status; see $URR_LOG_DIR/auth.log" ;;
esac
DATABASE_URL="postgres://urr@127.0.0.1:$URR_PG_PORT/auth_db" npm run -s make-admin -w @urr/auth -- "$admin_email" >>"$URR_LOG_DIR/seed.log" 2>&1 \
  || die "making $admin_email an admin failed; see $URR_LOG_DIR/seed.log"
log "demo admin: $admin_email (password: URR_DEMO_ADMIN_PASSWORD in $URR_STATE_DIR/secrets.env)"

log "opening the demo sales: the TicketEvents of operator/examples, with the seeded sale windows"
npm run -s demo-sales -w @urr/operator >>"$URR_LOG_DIR/seed.log" 2>&1 \
  || die "applying the demo sales' TicketEvents failed; see $URR_LOG_DIR/seed.log"
log "demo sales: KUBECONFIG=$KUBECONFIG kubectl get ticketevents"
