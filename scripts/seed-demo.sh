#!/usr/bin/env bash
# Demo data for the local stack, idempotent: the demo events (a 2,000-seat hall, a standing show, a presale), a local admin and a door-staff account, and the
# demo sales opened the declarative way: the TicketEvents of operator/examples (one per demo event),
# applied with each event's seeded sale window, which the running operator turns into open queues.
source "$(dirname "${BASH_SOURCE[0]}")/local-stack/lib.sh"
cd "$REPO_DIR"
# shellcheck disable=SC1091
set -a; source scripts/local.env; source "$URR_STATE_DIR/secrets.env"; set +a

log "seeding the demo events (a 2,000-seat hall, a standing show, a presale)"
DATABASE_URL="postgres://urr@127.0.0.1:$URR_PG_PORT/ticket_db" npm run -s seed -w @urr/ticket-service >>"$URR_LOG_DIR/seed.log" 2>&1 \
  || die "seeding the demo events failed; see $URR_LOG_DIR/seed.log"

# demo_account ROLE EMAIL PASSWORD_VAR NAME — registers the account (idempotent) and grants it ROLE (admin, staff).
demo_account() {
  local role="$1" email="$2" password_var="$3" name="$4" password status
  if ! grep -q "^$password_var=" "$URR_STATE_DIR/secrets.env"; then
    echo "$password_var=$(openssl rand -hex 12)" >>"$URR_STATE_DIR/secrets.env"
  fi
  password="$(grep "^$password_var=" "$URR_STATE_DIR/secrets.env" | cut -d= -f2)"
  status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:3005/api/v1/auth/register" \
    -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"$name\"}")"
  case "$status" in
    201|200|409) ;;
    *) die "registering the demo $role failed with HTTP $status; see $URR_LOG_DIR/auth.log" ;;
  esac
  DATABASE_URL="postgres://urr@127.0.0.1:$URR_PG_PORT/auth_db" npm run -s "make-$role" -w @urr/auth -- "$email" >>"$URR_LOG_DIR/seed.log" 2>&1 \
    || die "making $email $role failed; see $URR_LOG_DIR/seed.log"
  log "demo $role: $email (password: $password_var in $URR_STATE_DIR/secrets.env)"
}
demo_account admin admin@urr.local URR_DEMO_ADMIN_PASSWORD "URR admin"
demo_account staff door@urr.local URR_DEMO_STAFF_PASSWORD "URR door staff"

log "opening the demo sales: the TicketEvents of operator/examples, with the seeded sale windows"
npm run -s demo-sales -w @urr/operator >>"$URR_LOG_DIR/seed.log" 2>&1 \
  || die "applying the demo sales' TicketEvents failed; see $URR_LOG_DIR/seed.log"
log "demo sales: KUBECONFIG=$KUBECONFIG kubectl get ticketevents"
