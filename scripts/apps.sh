#!/usr/bin/env bash
# Starts or stops URR's own processes (services, local edge, operator, frontend) listed in apps.list,
# each as a daemon with a pid file and a log, on 127.0.0.1, configured by local.env + generated secrets.
source "$(dirname "${BASH_SOURCE[0]}")/local-stack/lib.sh"

APPS_LIST="$REPO_DIR/scripts/apps.list"
SECRETS_FILE="$URR_STATE_DIR/secrets.env"

# Local secrets are generated once per machine and never committed; production reads them from
# Secrets Manager through the same environment variables.
ensure_secrets() {
  umask 077
  touch "$SECRETS_FILE"
  local name
  for name in INTERNAL_API_TOKEN JWT_SECRET ENTRY_TOKEN_SECRET VWR_TOKEN_SECRET REFRESH_TOKEN_PEPPER \
    PSP_API_KEY PSP_WEBHOOK_SECRET IDEMPOTENCY_FINGERPRINT_SECRET; do
    grep -q "^$name=" "$SECRETS_FILE" && continue
    log "generating local secret $name into $SECRETS_FILE"
    echo "$name=$(openssl rand -hex 32)" >>"$SECRETS_FILE"
  done
  if ! grep -q '^AUTH_JWT_PRIVATE_KEY=' "$SECRETS_FILE"; then
    log "generating the local access-token signing key (P-256) into $SECRETS_FILE"
    echo "AUTH_JWT_PRIVATE_KEY=$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | base64 -w0)" >>"$SECRETS_FILE"
  fi
  if ! grep -q '^TICKET_CODE_PRIVATE_KEY=' "$SECRETS_FILE"; then
    log "generating the local ticket door-code signing key (Ed25519) into $SECRETS_FILE"
    echo "TICKET_CODE_PRIVATE_KEY=$(openssl genpkey -algorithm ED25519 | base64 -w0)" >>"$SECRETS_FILE"
  fi
}

app_env() {
  set -a
  # shellcheck disable=SC1090
  source "$REPO_DIR/scripts/local.env"
  # shellcheck disable=SC1090
  source "$SECRETS_FILE"
  set +a
}

each_app() { grep -vE '^\s*(#|$)' "$APPS_LIST"; }

start() {
  ensure_secrets
  local name port entry extra_env
  while read -r name port entry extra_env; do
    if is_running "$name" && { [ "$port" = "-" ] || port_open "$port"; }; then
      log "$name already running"; continue
    fi
    stop_daemon "$name"
    # shellcheck disable=SC2086 # extra_env is a list of VAR=value words
    ( app_env; cd "$REPO_DIR"; export PORT="$port" $extra_env; start_daemon "$name" node --import tsx "$entry" )
  done < <(each_app)
  while read -r name port _; do
    [ "$port" = "-" ] && continue
    wait_for "$name" 120 curl -sf "http://127.0.0.1:$port/health"
    log "$name ready on http://127.0.0.1:$port"
  done < <(each_app)
}

stop() {
  local name names=()
  while read -r name _; do names=("$name" "${names[@]}"); done < <(each_app)
  for name in "${names[@]}"; do stop_daemon "$name"; done
}

"${1:-start}"
