#!/usr/bin/env bash
# Apache Kafka 3.9 in KRaft mode (broker and controller in one JVM) on loopback, run from the
# Maven Central jars that scripts/local-stack/kafka/pom.xml lists. See docs/adr/0002-kafka-3-9-kraft.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Keep equal to <kafka.version> in kafka/pom.xml (the newest 3.9.x that Maven Central serves).
KAFKA_VERSION="${URR_KAFKA_VERSION:-3.9.2}"
KAFKA_CONF_DIR="$STACK_DIR/kafka"
KAFKA_CACHE="$URR_CACHE_DIR/kafka/$KAFKA_VERSION"
KAFKA_CP_FILE="$KAFKA_CACHE/classpath.txt"
KAFKA_STATE="$URR_STATE_DIR/kafka"
KAFKA_DATA="$KAFKA_STATE/data"
KAFKA_PROPS="$KAFKA_STATE/server.properties"
KAFKA_ADMIN_PROPS="$KAFKA_STATE/admin.properties"
KAFKA_LOG="$URR_LOG_DIR/kafka.log"
KAFKA_BOOTSTRAP="127.0.0.1:$URR_KAFKA_PORT"
# The second listener, TLS + SCRAM-SHA-512: its CA and the broker's key and certificate (made here with
# openssl), and the local user's password (made once; clients read it from this file).
KAFKA_TLS_DIR="$KAFKA_STATE/tls"
KAFKA_TLS_CA="$KAFKA_TLS_DIR/ca.pem"
KAFKA_TLS_KEYSTORE="$KAFKA_TLS_DIR/broker-keystore.pem"
KAFKA_SASL_USER="urr"
KAFKA_SASL_PASSWORD_FILE="$KAFKA_STATE/sasl-password"
# How long stop gives Kafka's controlled shutdown before lib.sh's stop_daemon (10 s more, then KILL).
KAFKA_STOP_GRACE_S=30

KAFKA_JVM_OPTS=(-Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true "-Dlog4j.configuration=file:$KAFKA_CONF_DIR/log4j.properties")
# Short-lived tools: small heap, fast start-up, warnings only on stderr.
KAFKA_TOOL_OPTS=(-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true
  "-Dlog4j.configuration=file:$KAFKA_CONF_DIR/tools-log4j.properties")
KAFKA_CP=""

ensure_java_maven() {
  command -v java >/dev/null 2>&1 || apt_install openjdk-17-jre-headless
  command -v mvn >/dev/null 2>&1 || [ -s "$KAFKA_CP_FILE" ] || apt_install maven
}

# classpath_usable — the cached classpath was made from this pom and all its jars are still there.
classpath_usable() {
  [ -s "$KAFKA_CP_FILE" ] || return 1
  [ "$(cat "$KAFKA_CACHE/pom.sha256" 2>/dev/null)" = "$(sha256sum "$KAFKA_CONF_DIR/pom.xml" | cut -d' ' -f1)" ] || return 1
  local jars jar
  IFS=: read -r -a jars <"$KAFKA_CP_FILE"
  for jar in "${jars[@]}"; do [ -f "$jar" ] || return 1; done
}

# ensure_classpath — sets KAFKA_CP; asks Maven (into ~/.m2) only when the cache is missing or stale.
ensure_classpath() {
  if ! classpath_usable; then
    log "resolving Kafka $KAFKA_VERSION jars with Maven (first run only)..."
    command -v mvn >/dev/null 2>&1 || apt_install maven
    mkdir -p "$KAFKA_CACHE"
    local tmp="$KAFKA_CP_FILE.tmp.$$"
    mvn -B -q -Dstyle.color=never -f "$KAFKA_CONF_DIR/pom.xml" dependency:build-classpath \
      -Dkafka.version="$KAFKA_VERSION" -Dmdep.outputFile="$tmp" >>"$URR_LOG_DIR/kafka-maven.log" 2>&1 \
      || { rm -f "$tmp"; die "Maven could not resolve Kafka $KAFKA_VERSION; see $URR_LOG_DIR/kafka-maven.log"; }
    mv "$tmp" "$KAFKA_CP_FILE"
    sha256sum "$KAFKA_CONF_DIR/pom.xml" | cut -d' ' -f1 >"$KAFKA_CACHE/pom.sha256"
    classpath_usable || die "Maven's classpath for Kafka $KAFKA_VERSION names missing jars ($KAFKA_CP_FILE)"
    log "Kafka $KAFKA_VERSION classpath cached in $KAFKA_CP_FILE"
  else
    log "using cached Kafka $KAFKA_VERSION classpath ($KAFKA_CP_FILE)"
  fi
  KAFKA_CP="$(cat "$KAFKA_CP_FILE")"
}

kafka_tool() { java "${KAFKA_TOOL_OPTS[@]}" -cp "$KAFKA_CP" "$@"; }

cluster_id() { sed -n 's/^cluster\.id=//p' "$KAFKA_DATA/meta.properties" 2>/dev/null; }

# kafka_healthy — a broker answers a real admin request (DescribeConfigs for node 1) on our port,
# and it is ours: its log.dirs is this stack's data directory. (ClusterTool, TopicCommand and the
# like live in the kafka-tools artifact in 3.9, which drags in Kafka Connect; ConfigCommand is in core.)
kafka_healthy() {
  port_open "$URR_KAFKA_PORT" || return 1
  [ -f "$KAFKA_ADMIN_PROPS" ] || write_admin_props
  local configs
  configs="$(timeout 30 java "${KAFKA_TOOL_OPTS[@]}" -cp "$KAFKA_CP" kafka.admin.ConfigCommand \
    --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$KAFKA_ADMIN_PROPS" \
    --describe --entity-type brokers --entity-name 1 --all 2>/dev/null)" || return 1
  grep -qF " log.dirs=$KAFKA_DATA " <<<"$configs"
}

write_admin_props() {
  mkdir -p "$KAFKA_STATE"
  printf '%s\n' 'request.timeout.ms=5000' 'default.api.timeout.ms=10000' >"$KAFKA_ADMIN_PROPS"
}

# The recorded pid is a live process but not our Kafka (e.g. a reused pid): forget it, kill nothing.
drop_stale_pid() {
  local f pid; f="$(pid_file kafka)"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if ! kill -0 "$pid" 2>/dev/null; then
    log "removing stale kafka pid file (pid $pid is gone)"; rm -f "$f"
  elif [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" != *" kafka.Kafka "* ]]; then
    log "removing stale kafka pid file (pid $pid is not a running Kafka)"; rm -f "$f"
  fi
}

# render_config FILE — the broker's configuration from the template.
render_config() {
  mkdir -p "$KAFKA_DATA"
  sed -e "s|@KAFKA_PORT@|$URR_KAFKA_PORT|g" -e "s|@KAFKA_SASL_PORT@|$URR_KAFKA_SASL_PORT|g" \
    -e "s|@KAFKA_POD_PORT@|$URR_KAFKA_POD_PORT|g" -e "s|@NODE_IP@|$URR_NODE_IP|g" \
    -e "s|@KAFKA_CONTROLLER_PORT@|$URR_KAFKA_CONTROLLER_PORT|g" -e "s|@KAFKA_DATA_DIR@|$KAFKA_DATA|g" \
    -e "s|@KAFKA_TLS_KEYSTORE@|$KAFKA_TLS_KEYSTORE|g" "$KAFKA_CONF_DIR/server.properties.template" >"$1"
  write_admin_props
}

# ensure_tls — a local CA and the broker's certificate for 127.0.0.1 and localhost, made once and again
# when the certificate has less than a week left.
ensure_tls() {
  if [ -s "$KAFKA_TLS_KEYSTORE" ] && [ -s "$KAFKA_TLS_CA" ] \
    && openssl x509 -checkend 604800 -noout -in "$KAFKA_TLS_DIR/broker.pem" >/dev/null 2>&1; then
    return 0
  fi
  log "making the local CA and the broker's TLS certificate (openssl, in $KAFKA_TLS_DIR)"
  rm -rf "$KAFKA_TLS_DIR"
  mkdir -p "$KAFKA_TLS_DIR"
  chmod 700 "$KAFKA_TLS_DIR"
  command -v openssl >/dev/null 2>&1 || apt_install openssl
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 825 -subj "/CN=URR local Kafka CA" \
    -keyout "$KAFKA_TLS_DIR/ca.key" -out "$KAFKA_TLS_CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>>"$KAFKA_LOG" \
    || die "openssl could not make the local Kafka CA; see $KAFKA_LOG"
  openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=127.0.0.1" \
    -keyout "$KAFKA_TLS_DIR/broker.key" -out "$KAFKA_TLS_DIR/broker.csr" 2>>"$KAFKA_LOG" \
    || die "openssl could not make the broker's key; see $KAFKA_LOG"
  printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "extendedKeyUsage=serverAuth" \
    "keyUsage=critical,digitalSignature,keyEncipherment" >"$KAFKA_TLS_DIR/broker.ext"
  openssl x509 -req -sha256 -days 397 -in "$KAFKA_TLS_DIR/broker.csr" -CA "$KAFKA_TLS_CA" \
    -CAkey "$KAFKA_TLS_DIR/ca.key" -CAcreateserial -extfile "$KAFKA_TLS_DIR/broker.ext" \
    -out "$KAFKA_TLS_DIR/broker.pem" 2>>"$KAFKA_LOG" \
    || die "openssl could not sign the broker's certificate; see $KAFKA_LOG"
  # Kafka's PEM key store: the PKCS#8 key, then the certificate chain.
  { openssl pkcs8 -topk8 -nocrypt -in "$KAFKA_TLS_DIR/broker.key"
    cat "$KAFKA_TLS_DIR/broker.pem" "$KAFKA_TLS_CA"; } >"$KAFKA_TLS_KEYSTORE"
  chmod 600 "$KAFKA_TLS_KEYSTORE" "$KAFKA_TLS_DIR/ca.key" "$KAFKA_TLS_DIR/broker.key"
  chmod 644 "$KAFKA_TLS_CA"
  chmod 711 "$KAFKA_TLS_DIR"
  rm -f "$KAFKA_TLS_DIR/broker.csr" "$KAFKA_TLS_DIR/broker.ext"
}

# ensure_sasl_user — the local SCRAM-SHA-512 user with the password of its file (made once), set on the
# running broker through the plaintext listener; setting it again is harmless.
ensure_sasl_user() {
  if [ ! -s "$KAFKA_SASL_PASSWORD_FILE" ]; then
    (umask 077 && openssl rand -hex 24 >"$KAFKA_SASL_PASSWORD_FILE")
  fi
  # (a loopback-only development password, on the tool's command line for the moment it runs)
  timeout 60 java "${KAFKA_TOOL_OPTS[@]}" -cp "$KAFKA_CP" kafka.admin.ConfigCommand \
    --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$KAFKA_ADMIN_PROPS" --alter \
    --entity-type users --entity-name "$KAFKA_SASL_USER" \
    --add-config "SCRAM-SHA-512=[iterations=4096,password=$(cat "$KAFKA_SASL_PASSWORD_FILE")]" >>"$KAFKA_LOG" 2>&1 \
    || die "could not set the SCRAM user $KAFKA_SASL_USER; see $KAFKA_LOG"
  log "SASL_SSL listener on 127.0.0.1:$URR_KAFKA_SASL_PORT: SCRAM-SHA-512 user $KAFKA_SASL_USER (password in $KAFKA_SASL_PASSWORD_FILE), CA $KAFKA_TLS_CA"
}

# format_storage — once per data directory (KRaft refuses to start without meta.properties).
format_storage() {
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0
  log "formatting KRaft storage in $KAFKA_DATA"
  local id
  id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$KAFKA_LOG" | tail -n 1)"
  [[ "$id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka StorageTool random-uuid printed '$id'; see $KAFKA_LOG"
  kafka_tool kafka.tools.StorageTool format -t "$id" -c "$KAFKA_PROPS" >>"$KAFKA_LOG" 2>&1 \
    || die "formatting KRaft storage failed; see $KAFKA_LOG"
  log "KRaft storage formatted (cluster id $id)"
}

KAFKA_LOG_OFFSET=0
# kafka_started — since this start: the broker logged that it started, and its port is open.
kafka_started() {
  # (grep without -q reads all its input: no SIGPIPE for tail under pipefail)
  tail -c +"$((KAFKA_LOG_OFFSET + 1))" "$KAFKA_LOG" 2>/dev/null | grep 'Kafka Server started' >/dev/null \
    && port_open "$URR_KAFKA_PORT"
}

start() {
  ensure_java_maven
  ensure_classpath
  ensure_tls
  drop_stale_pid
  render_config "$KAFKA_PROPS.next"
  if is_running kafka && kafka_healthy; then
    if cmp -s "$KAFKA_PROPS.next" "$KAFKA_PROPS" && port_open "$URR_KAFKA_SASL_PORT"; then
      rm -f "$KAFKA_PROPS.next"
      log "kafka already running on $KAFKA_BOOTSTRAP (cluster id $(cluster_id))"
      ensure_sasl_user
      return 0
    fi
    log "kafka's configuration changed since it started; restarting it"
  fi
  stop  # a recorded Kafka that does not answer, or runs an older configuration
  local port
  for port in "$URR_KAFKA_PORT" "$URR_KAFKA_SASL_PORT" "$URR_KAFKA_POD_PORT" "$URR_KAFKA_CONTROLLER_PORT"; do
    port_open "$port" && die "127.0.0.1:$port is already in use by a process that is not this stack's Kafka"
  done
  mv "$KAFKA_PROPS.next" "$KAFKA_PROPS"
  format_storage
  touch "$KAFKA_LOG"
  KAFKA_LOG_OFFSET="$(stat -c %s "$KAFKA_LOG")"
  start_daemon kafka java "${KAFKA_JVM_OPTS[@]}" -cp "$KAFKA_CP" kafka.Kafka "$KAFKA_PROPS"
  log "waiting for the broker to start"
  wait_for kafka 120 kafka_started
  log "checking that the broker answers requests"
  wait_for kafka 60 kafka_healthy
  local version
  version="$(tail -c +"$((KAFKA_LOG_OFFSET + 1))" "$KAFKA_LOG" | sed -n 's/.*Kafka version: \([^ ]*\).*/\1/p')"
  version="${version%%$'\n'*}"
  log "kafka ${version:-$KAFKA_VERSION} (KRaft) ready on $KAFKA_BOOTSTRAP (cluster id $(cluster_id))"
  ensure_sasl_user
}

stop() {
  drop_stale_pid
  local f pid; f="$(pid_file kafka)"
  if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
    # Kafka shuts down cleanly on TERM; give it longer than stop_daemon's 10 s before the KILL.
    pid="$(cat "$f")"
    log "stopping kafka (pid $pid; controlled shutdown, up to ${KAFKA_STOP_GRACE_S}s)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((KAFKA_STOP_GRACE_S * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  stop_daemon kafka
}

"${1:-start}"
