#!/usr/bin/env bash
# PostgreSQL (Debian) on loopback with the six service databases.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_DATABASES=(ticket_db catalog_db auth_db payment_db stats_db community_db)
PG_DATA="$URR_STATE_DIR/postgres"

pg_bin() {
  local dir; dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] || die "PostgreSQL binaries not found under /usr/lib/postgresql"
  echo "$dir"
}

as_postgres() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else "$@"; fi; }

psql_admin() { as_postgres psql -h 127.0.0.1 -p "$URR_PG_PORT" -U urr -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

start() {
  apt_install postgresql
  local bin; bin="$(pg_bin)"
  if is_running postgres && psql_admin -c 'select 1' >/dev/null 2>&1; then
    log "postgres already running on 127.0.0.1:$URR_PG_PORT"
  else
    stop_daemon postgres INT
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
      log "initialising a PostgreSQL cluster in $PG_DATA"
      mkdir -p "$PG_DATA"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DATA"
      as_postgres "$bin/initdb" -D "$PG_DATA" -U urr --auth=trust -E UTF8 --locale=C.UTF-8 >>"$URR_LOG_DIR/postgres.log" 2>&1 \
        || die "initdb failed; see $URR_LOG_DIR/postgres.log"
    fi
    touch "$URR_LOG_DIR/postgres.log"; [ "$(id -u)" -eq 0 ] && chown postgres "$URR_LOG_DIR/postgres.log"
    start_daemon postgres setpriv --reuid=postgres --regid=postgres --init-groups \
      "$bin/postgres" -D "$PG_DATA" -p "$URR_PG_PORT" -c listen_addresses=127.0.0.1 \
      -c unix_socket_directories="$PG_DATA" -c max_connections=400 -c fsync=off \
      -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB
    wait_for postgres 60 psql_admin -c 'select 1'
  fi
  for db in "${PG_DATABASES[@]}"; do
    if [ -z "$(psql_admin -c "select 1 from pg_database where datname='$db'")" ]; then
      log "creating database $db"
      psql_admin -c "create database $db"
    fi
  done
  log "postgres ready on 127.0.0.1:$URR_PG_PORT (user urr, databases: ${PG_DATABASES[*]})"
}

stop() { stop_daemon postgres INT; }

"${1:-start}"
