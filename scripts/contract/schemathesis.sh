#!/usr/bin/env bash
# schemathesis (an OpenAPI fuzzer from PyPI) against the running gateway's live document
# (GET /api/v1/openapi.json): once as a fresh user, once as a fresh admin, on a throwaway event that
# the run creates and deletes. Checks: no server error, no status code, content type, header or body
# outside the document, no valid request refused. Bounded: SCHEMATHESIS_MAX_EXAMPLES cases per operation
# and phase, SCHEMATHESIS_MAX_SECONDS per run, sent under the gateway's general rate limit per user.
# Needs URR's processes (scripts/apps.sh start) running; installs schemathesis in a venv when missing.
# Exits non-zero when a check failed; the reports are in $URR_STATE_DIR/schemathesis/.
source "$(dirname "${BASH_SOURCE[0]}")/../local-stack/lib.sh"
cd "$REPO_DIR"

SCHEMATHESIS_VERSION="4.32.5"
SCHEMATHESIS_VENV="$URR_CACHE_DIR/schemathesis-$SCHEMATHESIS_VERSION"
GATEWAY="${GATEWAY_URL:-http://127.0.0.1:3001}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-15}"
MAX_SECONDS="${SCHEMATHESIS_MAX_SECONDS:-180}"
CHECKS="not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance"
CHECKS="$CHECKS,response_schema_conformance,positive_data_acceptance"
REPORT_DIR="$URR_STATE_DIR/schemathesis"

install_schemathesis() {
  [ -x "$SCHEMATHESIS_VENV/bin/st" ] && return 0
  log "installing schemathesis==$SCHEMATHESIS_VERSION into $SCHEMATHESIS_VENV"
  python3 -m venv "$SCHEMATHESIS_VENV" || { apt_install python3-venv; python3 -m venv "$SCHEMATHESIS_VENV"; }
  "$SCHEMATHESIS_VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2 \
    || die "pip install schemathesis==$SCHEMATHESIS_VERSION failed"
}

# api METHOD PATH [BODY] [TOKEN] — a JSON call through the gateway; prints the body, fails on a non-2xx.
api() {
  local method="$1" path="$2" body="${3:-}" token="${4:-}"
  local args=(-sS -X "$method" --fail-with-body)
  [ -n "$body" ] && args+=(-H 'content-type: application/json' --data "$body")
  [ -n "$token" ] && args+=(-H "authorization: Bearer $token")
  curl "${args[@]}" "$GATEWAY$path"
}
field() { node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>console.log(JSON.parse(s)[process.argv[1]]))' "$1"; }

# The run's throwaway accounts share one password.
password="$(openssl rand -hex 16)"
# sign_in EMAIL register|login — prints the access token of a fresh account, or of one signed in again.
sign_in() {
  local session
  session="$(api POST "/api/v1/auth/$2" "{\"email\":\"$1\",\"password\":\"$password\"}")" \
    || die "$2 of $1 failed: $session"
  field accessToken <<<"$session"
}

# fuzz LABEL TOKEN — one bounded run as the account of TOKEN.
fuzz() {
  local label="$1" token="$2"
  log "schemathesis as $label: at most $MAX_EXAMPLES cases per operation and phase, $MAX_SECONDS s"
  timeout --signal=INT --kill-after=30 "$MAX_SECONDS" "$SCHEMATHESIS_VENV/bin/st" \
    --config-file "$REPORT_DIR/schemathesis.toml" --no-color run "$GATEWAY/api/v1/openapi.json" --url "$GATEWAY" \
    --checks "$CHECKS" --max-examples "$MAX_EXAMPLES" --workers 2 --seed 15 --rate-limit 2400/m \
    --generation-database none --request-timeout 10 --suppress-health-check all \
    -H "authorization: Bearer $token" \
    --report junit --report-dir "$REPORT_DIR" --report-junit-path "$REPORT_DIR/$label.xml"
}

install_schemathesis
curl -sf "$GATEWAY/ready" -o /dev/null || die "the gateway does not answer on $GATEWAY (scripts/apps.sh start)"
mkdir -p "$REPORT_DIR"
set -a
# shellcheck disable=SC1091
source scripts/local.env
set +a

user_token="$(sign_in "schemathesis-user-$(openssl rand -hex 6)@urr.local" register)"
admin_email="schemathesis-admin-$(openssl rand -hex 6)@urr.local"
sign_in "$admin_email" register >/dev/null
DATABASE_URL="postgres://urr@127.0.0.1:$URR_PG_PORT/auth_db" npm run -s make-admin -w @urr/auth -- "$admin_email" >/dev/null \
  || die "making $admin_email an admin failed"
# The role travels in the access token: signing in again gives one that says admin.
admin_token="$(sign_in "$admin_email" login)"

venue="$(api POST /api/v1/admin/venues '{"name":"schemathesis hall","city":"Seoul"}' "$admin_token" | field id)"
artist="$(api POST /api/v1/admin/artists '{"name":"schemathesis artist"}' "$admin_token" | field id)"
event="$(api POST /api/v1/admin/events "{\"title\":\"schemathesis throwaway\",\"category\":\"concert\",\
\"kind\":\"standing\",\"status\":\"draft\",\"artistId\":\"$artist\",\"venueId\":\"$venue\",\
\"salesOpenAt\":\"2030-01-01T00:00:00Z\",\"salesCloseAt\":\"2030-01-02T00:00:00Z\",\
\"performances\":[{\"startsAt\":\"2030-01-03T19:00:00Z\"}]}" "$admin_token" | field id)" \
  || die "creating the throwaway event failed"
log "throwaway event $event (venue $venue, artist $artist)"

# Half the generated ids name the throwaway event, so the routes get past their 404s. A 422 is a
# business rule the schema cannot state (presale before sale, a known artist): not a refused valid
# request (docs/adr/0030-the-api-contract-is-generated-and-fuzzed.md).
# No text may hold U+0000 (every 400 answer of the document says so; services/common's validation hook).
# The stateful phase carries a value from one call into another's parameter by name (inferred links) and
# still counts the call as valid data: a queue event id (any slug a TicketEvent allows) carried into a
# uuid-typed eventId is refused with 400 there, rightly. So that phase alone may see a 400; a 5xx, a
# status or body outside the document still fails it.
cat >"$REPORT_DIR/schemathesis.toml" <<EOF
[generation]
allow-x00 = false

[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]

[phases.stateful.checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "429"]

[dictionaries.throwaway]
values = ["$event"]

[parameters]
"path.id" = { dictionary = "throwaway", probability = 0.5 }
"path.eventId" = { dictionary = "throwaway", probability = 0.5 }
"body.eventId" = { dictionary = "throwaway", probability = 0.5 }
"query.eventId" = { dictionary = "throwaway", probability = 0.5 }
EOF

status=0
fuzz user "$user_token" || status=1
fuzz admin "$admin_token" || status=1
api DELETE "/api/v1/admin/events/$event" '' "$admin_token" >/dev/null || log "the throwaway event $event was already gone"

# The events the fuzzing admins made, in this run and any earlier one, are deleted, so that they do not crowd
# the organiser pages of later runs (the dashboard lists 100). One with reservations stays: the API keeps it.
fuzz_admins="$(psql -h 127.0.0.1 -p "$URR_PG_PORT" -U urr -d auth_db -qtA \
  -c "select id from users where email like 'schemathesis-admin-%@urr.local'")" || die "reading the fuzzing admins failed"
# shellcheck disable=SC2086 # one argument per admin id
node -e '
const [gateway, token, ...admins] = process.argv.slice(1);
const fuzzers = new Set(admins);
const headers = { authorization: `Bearer ${token}` };
(async () => {
  const made = [];
  for (let page = 1; ; page += 1) {
    const answer = await fetch(`${gateway}/api/v1/admin/events?size=100&page=${page}`, { headers });
    if (!answer.ok) throw new Error(`listing events answered ${answer.status}`);
    const { items } = await answer.json();
    made.push(...items.filter((event) => fuzzers.has(event.organiserId)).map((event) => event.id));
    if (items.length < 100) break;
  }
  let deleted = 0;
  for (const id of made)
    if ((await fetch(`${gateway}/api/v1/admin/events/${id}`, { method: "DELETE", headers })).ok) deleted += 1;
  console.error(`[contract] deleted ${deleted} of the ${made.length} events the fuzzing admins made`);
})().catch((error) => { console.error(`[contract] cleaning up the fuzzed events failed: ${error.message}`); process.exit(1); });
' "$GATEWAY" "$admin_token" $fuzz_admins || status=1
exit "$status"
