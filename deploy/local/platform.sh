#!/usr/bin/env bash
# Waybill local platform: PostgreSQL, Kafka (KRaft, single node) and Keycloak on one machine,
# without Docker. Everything downloaded is cached outside git; see deploy/local/README.md.
#
#   deploy/local/platform.sh test-infra | infra | postgres | kafka | keycloak | browser
#   deploy/local/platform.sh status | stop | token <client-id> <secret>
#   deploy/local/platform.sh kafka-class <main-class> [args...]
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

CACHE="${WAYBILL_CACHE:-$HOME/.cache/waybill}"
RUN="${WAYBILL_RUN:-$HOME/.cache/waybill/run}"

KAFKA_POM="$SCRIPT_DIR/kafka/pom.xml"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM" | head -n1)"
KAFKA_PORT="${WAYBILL_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${WAYBILL_KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${WAYBILL_KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
KAFKA_DIST="$CACHE/kafka-$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_DIST/libs"
KAFKA_RUN="$RUN/kafka"
KAFKA_DATA="$KAFKA_RUN/data"
KAFKA_CONF="$KAFKA_RUN/server.properties"
KAFKA_PID="$KAFKA_RUN/kafka.pid"
KAFKA_LOG="$KAFKA_RUN/kafka.log"
KAFKA_START_TIMEOUT="${WAYBILL_KAFKA_START_TIMEOUT:-60}"

# The test suite's own broker (test-infra): tests never share a broker, its topics and its
# consumer groups with a running demo or benchmark on 9092.
use_test_broker() {
  KAFKA_PORT="${WAYBILL_TEST_KAFKA_PORT:-19092}"
  KAFKA_CONTROLLER_PORT="${WAYBILL_TEST_KAFKA_CONTROLLER_PORT:-19093}"
  KAFKA_RUN="$RUN/kafka-test"
  KAFKA_DATA="$KAFKA_RUN/data"
  KAFKA_CONF="$KAFKA_RUN/server.properties"
  KAFKA_PID="$KAFKA_RUN/kafka.pid"
  KAFKA_LOG="$KAFKA_RUN/kafka.log"
}
# In the broker's command line: tells our broker from a recycled pid or another Kafka.
KAFKA_MARKER="-Dwaybill.component=kafka"
KAFKA_TOPICS=(
  waybill.shipment-validated
  waybill.label-generated
  waybill.label-failed
  waybill.status-changed
  waybill.return-registered
  waybill.stock-adjusted
  waybill.shipment-cancelled
  waybill.return-label-requested
  waybill.stock-level-reported
)
KAFKA_TOPIC_PARTITIONS=3

KEYCLOAK_VERSION="26.7.3"
KEYCLOAK_PORT="${WAYBILL_KEYCLOAK_PORT:-8180}"
KEYCLOAK_MGMT_PORT="${WAYBILL_KEYCLOAK_MANAGEMENT_PORT:-9001}"
KEYCLOAK_HEAP_OPTS="${WAYBILL_KEYCLOAK_HEAP_OPTS:--Xms64m -Xmx768m}"
KEYCLOAK_ZIP_DIR="$CACHE/downloads"
KEYCLOAK_ZIP="$KEYCLOAK_ZIP_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
KEYCLOAK_DIST="$CACHE/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_RUN="$RUN/keycloak"
KEYCLOAK_DATA="$KEYCLOAK_RUN/data"
KEYCLOAK_PID="$KEYCLOAK_RUN/keycloak.pid"
KEYCLOAK_LOG="$KEYCLOAK_RUN/keycloak.log"
KEYCLOAK_REALM_FILE="$SCRIPT_DIR/keycloak/waybill-realm.json"
KEYCLOAK_REALM="waybill"
KEYCLOAK_START_TIMEOUT="${WAYBILL_KEYCLOAK_START_TIMEOUT:-150}"
# In the command line of kc.sh and of the java it may exec into.
KEYCLOAK_MARKER="$KEYCLOAK_DIST/bin/"
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT"
KEYCLOAK_WELL_KNOWN="$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/.well-known/openid-configuration"

PG_HOST="127.0.0.1"
PG_PORT="${WAYBILL_PG_PORT:-5432}"
PG_DATABASES=(waybill_order waybill_label waybill_tracking waybill_returns waybill_gateway waybill_fulfillment)

# JVM flags for short-lived Kafka tools: start fast, stay small.
TOOL_JVM_OPTS=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto
  "-Dlog4j2.configurationFile=$SCRIPT_DIR/kafka/log4j2-tools.properties")

# ---------------------------------------------------------------------------------------------
# helpers

info() { printf '[waybill] %s\n' "$*"; }
warn() { printf '[waybill] WARNING: %s\n' "$*" >&2; }
die() {
  printf '[waybill] ERROR: %s\n' "$*" >&2
  exit 1
}

now() { date +%s; }

java_env() {
  [ -n "${WAYBILL_JAVA_READY:-}" ] && return 0
  # shellcheck source=deploy/local/java-env.sh
  source "$SCRIPT_DIR/java-env.sh" || die "a JDK >= 21 is needed for Kafka and Keycloak (see above)"
  WAYBILL_JAVA_READY=1
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_listening() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# "pid 123 (cmd ...)" of the process listening on port $1, as far as ss can tell.
port_owner() {
  local port="$1" line pid cmd
  line="$(ss -Hltnp "sport = :$port" 2>/dev/null | head -n1 || true)"
  pid="$(grep -o 'pid=[0-9]*' <<<"$line" | head -n1 | cut -d= -f2 || true)"
  if [ -n "$pid" ]; then
    cmd="$(ps -o args= -p "$pid" 2>/dev/null | cut -c1-160 || true)"
    printf 'pid %s: %s' "$pid" "${cmd:-?}"
  elif [ -n "$line" ]; then
    printf 'process unknown (ss: %s)' "$(tr -s ' ' <<<"$line")"
  else
    printf 'process unknown'
  fi
}

# pid from pid file $1 if that process is alive and its command line contains $2.
live_pid() {
  local file="$1" marker="$2" pid
  [ -s "$file" ] || return 1
  pid="$(<"$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  printf '%s' "$pid"
}

# Start "$@" detached (own session, immune to hangups) with output appended to $1's log.
# Usage: spawn LOGFILE PIDFILE cmd args...
spawn() {
  local log="$1" pidfile="$2"
  shift 2
  if [ -s "$log" ]; then mv -f "$log" "$log.1"; fi
  (
    # The daemon must not inherit our lock files, nor one our caller holds (`flock <lock> platform.sh ...`),
    # or it would hold those locks forever.
    for fd in /proc/$BASHPID/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null || true; done
    if command -v setsid >/dev/null 2>&1; then
      exec setsid nohup "$@" >>"$log" 2>&1 </dev/null
    else
      exec nohup "$@" >>"$log" 2>&1 </dev/null
    fi
  ) &
  echo "$!" >"$pidfile"
}

# Serialise concurrent invocations for one component (two test runs starting Kafka at once).
LOCK_FDS=()
lock() {
  local name="$1" fd
  mkdir -p "$RUN"
  command -v flock >/dev/null 2>&1 || return 0
  exec {fd}>"$RUN/.$name.lock"
  LOCK_FDS+=("$fd")
  if ! flock -n "$fd"; then
    info "$name: another platform.sh is starting it; waiting (up to 300 s)"
    flock -w 300 "$fd" || die "timed out waiting for another platform.sh $name to finish"
  fi
}

# Run a Maven goal with the project's wrapper against the small pom of deploy/local/kafka.
mvnw() {
  [ -x "$REPO_ROOT/mvnw" ] || die "Maven wrapper not found at $REPO_ROOT/mvnw"
  (cd "$REPO_ROOT" && ./mvnw -q -B -f "$KAFKA_POM" "$@")
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

PSQL=()

pg_pick_client() {
  [ "${#PSQL[@]}" -gt 0 ] && return 0
  if psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -w -XAtqc 'select 1' >/dev/null 2>&1; then
    PSQL=(psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -w -X -v ON_ERROR_STOP=1 -Atq)
  elif command -v runuser >/dev/null 2>&1 &&
    runuser -u postgres -- psql -p "$PG_PORT" -d postgres -XAtqc 'select 1' >/dev/null 2>&1; then
    PSQL=(runuser -u postgres -- psql -p "$PG_PORT" -d postgres -X -v ON_ERROR_STOP=1 -Atq)
  else
    return 1
  fi
}

pg_ready() {
  command -v pg_isready >/dev/null 2>&1 || return 1
  pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2
}

pg_install() {
  if command -v pg_ctlcluster >/dev/null 2>&1 && command -v psql >/dev/null 2>&1; then
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
  info "postgres: not installed; installing the Debian package (apt-get install postgresql)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

pg_start() {
  local ver name port status rest started=""
  command -v pg_lsclusters >/dev/null 2>&1 || die "pg_lsclusters missing: is postgresql-common installed?"
  while read -r ver name port status rest; do
    [ "$port" = "$PG_PORT" ] || continue
    if [ "$status" != "online" ]; then
      info "postgres: starting cluster $ver/$name on port $port"
      pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start ||
        die "could not start PostgreSQL cluster $ver/$name; see /var/log/postgresql/postgresql-$ver-$name.log"
    fi
    started=1
    break
  done < <(pg_lsclusters -h 2>/dev/null || true)
  if [ -z "$started" ]; then
    ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n1)"
    [ -n "$ver" ] || die "PostgreSQL binaries not found under /usr/lib/postgresql"
    name=main
    if [ -d "/etc/postgresql/$ver/main" ]; then name=waybill; fi
    info "postgres: no cluster on port $PG_PORT; creating cluster $ver/$name on it"
    pg_createcluster --start -p "$PG_PORT" "$ver" "$name" >/dev/null ||
      die "pg_createcluster -p $PG_PORT $ver $name failed (see pg_lsclusters)"
  fi
  local t0
  t0="$(now)"
  until pg_ready; do
    [ $(($(now) - t0)) -lt 30 ] || die "PostgreSQL did not become ready on $PG_HOST:$PG_PORT within 30 s (see /var/log/postgresql/)"
    sleep 0.5
  done
}

pg_databases() {
  local dbs missing
  dbs="$(IFS=,; echo "${PG_DATABASES[*]}")"
  pg_pick_client ||
    die "cannot connect as the postgres superuser: neither 'psql -h $PG_HOST -p $PG_PORT -U postgres' (trust auth) nor 'runuser -u postgres -- psql' (peer auth) works"
  missing="$("${PSQL[@]}" -v dbs="$dbs" <<'SQL'
SELECT string_agg(n, ' ' ORDER BY n)
FROM unnest(string_to_array(:'dbs', ',')) AS n
WHERE NOT EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = n)
   OR NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = n AND r.rolcanlogin);
SQL
)" || die "could not query PostgreSQL roles and databases"
  if [ -n "$missing" ]; then
    info "postgres: creating roles/databases: $missing"
  fi
  # Idempotent: create what is missing, then (re)assert login, password and ownership.
  "${PSQL[@]}" -v dbs="$dbs" >/dev/null <<'SQL' || die "could not create the Waybill roles and databases"
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', n, n)
FROM unnest(string_to_array(:'dbs', ',')) AS n
WHERE NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = n) \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', n, n)
FROM unnest(string_to_array(:'dbs', ',')) AS n \gexec
SELECT format('CREATE DATABASE %I OWNER %I', n, n)
FROM unnest(string_to_array(:'dbs', ',')) AS n
WHERE NOT EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = n) \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', d.datname, d.datname)
FROM pg_database d
JOIN unnest(string_to_array(:'dbs', ',')) AS n ON d.datname = n
WHERE pg_get_userbyid(d.datdba) <> n \gexec
SQL
}

cmd_postgres() {
  pg_install
  if pg_ready; then
    info "postgres: running on $PG_HOST:$PG_PORT (reused)"
  elif port_listening "$PG_PORT"; then
    die "port $PG_PORT is taken by a non-PostgreSQL process ($(port_owner "$PG_PORT"))"
  else
    pg_start
    info "postgres: started on $PG_HOST:$PG_PORT"
  fi
  pg_databases
  info "postgres: databases ready: ${PG_DATABASES[*]} (user = password = database name)"
}

# ---------------------------------------------------------------------------------------------
# Kafka

# True when a Kafka broker answers on 127.0.0.1:$1: a raw ApiVersions v0 request (correlation id
# "WBL1"), checking that the reply carries the same correlation id. Takes milliseconds, no JVM.
kafka_answers() {
  local port="$1" reply
  reply="$(timeout 3 bash -c '
      exec 3<>/dev/tcp/127.0.0.1/'"$port"' || exit 1
      printf "\x00\x00\x00\x11\x00\x12\x00\x00WBL1\x00\x07waybill" >&3
      head -c 8 <&3 | od -An -tx1' 2>/dev/null | tr -d ' \n' || true)"
  [ "${reply:8:8}" = "57424c31" ]
}

kafka_class() {
  java_env
  kafka_fetch
  "$JAVA_HOME/bin/java" "${TOOL_JVM_OPTS[@]}" -cp "$KAFKA_LIBS/*" "$@"
}

kafka_fetch() {
  local stamp want
  want="$(sha256sum "$KAFKA_POM" | cut -d' ' -f1)"
  stamp="$KAFKA_DIST/.complete"
  if [ -f "$stamp" ] && [ "$(<"$stamp")" = "$want" ]; then
    return 0
  fi
  java_env
  # Two scripts starting at once (a test broker and the stack) must not both replace libs/: the second
  # would delete jars under a broker the first has just started. The second waits, then finds the stamp.
  mkdir -p "$KAFKA_DIST"
  local lock
  exec {lock}>"$KAFKA_DIST/.fetch.lock"
  flock "$lock"
  if [ -f "$stamp" ] && [ "$(<"$stamp")" = "$want" ]; then
    exec {lock}>&-
    return 0
  fi
  info "kafka: fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS (once)"
  local t0
  t0="$(now)"
  rm -rf "$KAFKA_LIBS.tmp"
  mvnw dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS.tmp" ||
    die "could not fetch the Kafka jars with the Maven wrapper (see output above)"
  [ -f "$KAFKA_LIBS.tmp/kafka_2.13-$KAFKA_VERSION.jar" ] ||
    die "Maven finished but $KAFKA_LIBS.tmp has no kafka_2.13-$KAFKA_VERSION.jar"
  rm -rf "$KAFKA_LIBS"
  mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
  echo "$want" >"$stamp"
  exec {lock}>&-
  info "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars cached in $(($(now) - t0)) s"
}

kafka_write_config() {
  mkdir -p "$KAFKA_DATA"
  cat >"$KAFKA_CONF.tmp" <<EOF
# Written by deploy/local/platform.sh on every start; edit the script, not this file.
# Single-node KRaft: this process is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=3
default.replication.factor=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=8388608
log.retention.hours=168
num.network.threads=2
num.io.threads=4
EOF
  mv -f "$KAFKA_CONF.tmp" "$KAFKA_CONF"
}

kafka_format() {
  if [ -f "$KAFKA_DATA/meta.properties" ]; then
    return 0
  fi
  local cluster_id
  # A Kafka cluster id: 16 random bytes, URL-safe base64 without padding.
  cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  info "kafka: formatting storage in $KAFKA_DATA (cluster id $cluster_id)"
  kafka_class kafka.tools.StorageTool format --cluster-id="$cluster_id" -c "$KAFKA_CONF" >"$KAFKA_RUN/format.log" 2>&1 || {
    cat "$KAFKA_RUN/format.log" >&2
    die "kafka storage format failed"
  }
}

kafka_start() {
  java_env
  kafka_fetch
  if port_listening "$KAFKA_CONTROLLER_PORT"; then
    die "controller port $KAFKA_CONTROLLER_PORT is taken ($(port_owner "$KAFKA_CONTROLLER_PORT")); set WAYBILL_KAFKA_CONTROLLER_PORT"
  fi
  kafka_write_config
  kafka_format
  local jdk_opts=()
  if [ "${WAYBILL_JAVA_MAJOR:-0}" -ge 24 ]; then
    jdk_opts+=(--sun-misc-unsafe-memory-access=allow) # Kafka still uses sun.misc.Unsafe
  fi
  info "kafka: starting broker $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT, java $WAYBILL_JAVA_MAJOR), log $KAFKA_LOG"
  # shellcheck disable=SC2086 # heap options are a word list on purpose
  spawn "$KAFKA_LOG" "$KAFKA_PID" "$JAVA_HOME/bin/java" $KAFKA_HEAP_OPTS \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    "${jdk_opts[@]}" -Djava.awt.headless=true "$KAFKA_MARKER" \
    "-Dlog4j2.configurationFile=$SCRIPT_DIR/kafka/log4j2.properties" \
    "-Dkafka.logs.dir=$KAFKA_RUN" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONF"
  kafka_wait "$(<"$KAFKA_PID")"
}

kafka_wait() {
  local pid="$1" t0
  t0="$(now)"
  until kafka_answers "$KAFKA_PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$KAFKA_LOG" >&2 || true
      rm -f "$KAFKA_PID"
      die "Kafka exited during start-up (last lines of $KAFKA_LOG above)"
    fi
    if [ $(($(now) - t0)) -ge "$KAFKA_START_TIMEOUT" ]; then
      tail -n 40 "$KAFKA_LOG" >&2 || true
      die "Kafka did not accept connections on 127.0.0.1:$KAFKA_PORT within $KAFKA_START_TIMEOUT s (pid $pid still running; last lines of $KAFKA_LOG above)"
    fi
    sleep 0.3
  done
  info "kafka: ready on 127.0.0.1:$KAFKA_PORT after $(($(now) - t0)) s (pid $pid)"
}

kafka_topics() {
  local own="$1" topic missing=() existing
  if [ "$own" = yes ]; then
    # Our broker keeps every partition locally: a topic exists if its partition 0 dir does.
    for topic in "${KAFKA_TOPICS[@]}"; do
      [ -d "$KAFKA_DATA/$topic-0" ] || missing+=("$topic")
      [ -d "$KAFKA_DATA/$topic.dlq-0" ] || missing+=("$topic.dlq")
    done
  else
    existing="$(kafka_class org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --list)" ||
      die "could not list topics on 127.0.0.1:$KAFKA_PORT"
    for topic in "${KAFKA_TOPICS[@]}"; do
      grep -qxF "$topic" <<<"$existing" || missing+=("$topic")
      grep -qxF "$topic.dlq" <<<"$existing" || missing+=("$topic.dlq")
    done
  fi
  if [ "${#missing[@]}" -eq 0 ]; then
    info "kafka: topics present: ${#KAFKA_TOPICS[@]} public topics and their .dlq"
    return 0
  fi
  info "kafka: creating ${#missing[@]} topics ($KAFKA_TOPIC_PARTITIONS partitions each): ${missing[*]}"
  # Two tool JVMs at a time; each run creates one topic (TopicCommand takes one --topic).
  local pids=() failed=0 i
  for i in "${!missing[@]}"; do
    kafka_class org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
      --create --if-not-exists --topic "${missing[$i]}" \
      --partitions "$KAFKA_TOPIC_PARTITIONS" --replication-factor 1 >/dev/null &
    pids+=("$!")
    if [ "${#pids[@]}" -ge 2 ]; then
      wait "${pids[0]}" || failed=1
      pids=("${pids[@]:1}")
    fi
  done
  for i in "${pids[@]}"; do wait "$i" || failed=1; done
  [ "$failed" -eq 0 ] || die "creating Kafka topics failed (see output above)"
  info "kafka: topics ready"
}

cmd_kafka() {
  lock kafka
  local pid
  if pid="$(live_pid "$KAFKA_PID" "$KAFKA_MARKER")"; then
    grep -qF "PLAINTEXT://127.0.0.1:$KAFKA_PORT," "$KAFKA_CONF" 2>/dev/null ||
      die "the broker started by platform.sh (pid $pid) listens on another port than $KAFKA_PORT; run 'platform.sh stop' first"
    if kafka_answers "$KAFKA_PORT"; then
      info "kafka: broker already running on 127.0.0.1:$KAFKA_PORT (pid $pid, started by platform.sh; reused)"
    else
      info "kafka: broker pid $pid is starting; waiting"
      kafka_wait "$pid"
    fi
    kafka_topics yes
  elif port_listening "$KAFKA_PORT"; then
    if kafka_answers "$KAFKA_PORT"; then
      info "kafka: a Kafka broker not started by these scripts answers on 127.0.0.1:$KAFKA_PORT ($(port_owner "$KAFKA_PORT")); reusing it"
      kafka_topics no
    else
      die "port $KAFKA_PORT is taken by a non-Kafka process ($(port_owner "$KAFKA_PORT")); stop it or set WAYBILL_KAFKA_PORT"
    fi
  else
    rm -f "$KAFKA_PID"
    kafka_start
    kafka_topics yes
  fi
}

# ---------------------------------------------------------------------------------------------
# Browser (the gateway's tracking-page test drives Debian's headless Chromium with Selenium)

BROWSER_PACKAGES=(chromium chromium-driver)

cmd_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    info "browser: chromium and chromedriver present (reused)"
    return 0
  fi
  [ "$(id -u)" -eq 0 ] ||
    die "chromium/chromedriver missing and installing them needs root: sudo apt-get install ${BROWSER_PACKAGES[*]}"
  info "browser: installing the Debian packages ${BROWSER_PACKAGES[*]} (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${BROWSER_PACKAGES[@]}" >/dev/null ||
    die "apt-get install ${BROWSER_PACKAGES[*]} failed"
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] ||
    die "apt-get installed ${BROWSER_PACKAGES[*]} but /usr/bin/chromium or /usr/bin/chromedriver is missing"
  info "browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) installed"
}

# ---------------------------------------------------------------------------------------------
# Keycloak

keycloak_serving() {
  [ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "$KEYCLOAK_WELL_KNOWN" 2>/dev/null || true)" = 200 ]
}

keycloak_fetch() {
  [ -f "$KEYCLOAK_DIST/.complete" ] && return 0
  java_env
  local t0
  t0="$(now)"
  if [ ! -s "$KEYCLOAK_ZIP" ]; then
    info "keycloak: fetching keycloak-quarkus-dist $KEYCLOAK_VERSION (~180 MB) from Maven Central (once)"
    mkdir -p "$KEYCLOAK_ZIP_DIR"
    mvnw dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$KEYCLOAK_ZIP_DIR" ||
      die "could not fetch org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip with the Maven wrapper"
    [ -s "$KEYCLOAK_ZIP" ] || die "Maven finished but $KEYCLOAK_ZIP is missing"
  fi
  info "keycloak: unpacking into $KEYCLOAK_DIST"
  local tmp="$CACHE/.keycloak-unpack.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$KEYCLOAK_ZIP" -d "$tmp"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -m zipfile -e "$KEYCLOAK_ZIP" "$tmp"
  else
    (cd "$tmp" && "$JAVA_HOME/bin/jar" xf "$KEYCLOAK_ZIP")
  fi
  [ -d "$tmp/keycloak-$KEYCLOAK_VERSION" ] || die "unexpected layout in $KEYCLOAK_ZIP (no keycloak-$KEYCLOAK_VERSION/)"
  chmod +x "$tmp/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
  rm -rf "$KEYCLOAK_DIST"
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_DIST"
  rm -rf "$tmp"
  touch "$KEYCLOAK_DIST/.complete"
  info "keycloak: ready to run in $(($(now) - t0)) s"
}

# Keycloak keeps its data under <home>/data; point that at $WAYBILL_RUN/keycloak/data and put
# the realm file in its import dir. A changed realm file resets the dev database so it is
# imported again (--import-realm skips realms that already exist).
keycloak_prepare() {
  mkdir -p "$KEYCLOAK_DATA/import"
  if [ -d "$KEYCLOAK_DIST/data" ] && [ ! -L "$KEYCLOAK_DIST/data" ]; then
    cp -a "$KEYCLOAK_DIST/data/." "$KEYCLOAK_DATA/"
    rm -rf "$KEYCLOAK_DIST/data"
  fi
  ln -sfn "$KEYCLOAK_DATA" "$KEYCLOAK_DIST/data"
  local target="$KEYCLOAK_DATA/import/waybill-realm.json"
  if ! cmp -s "$KEYCLOAK_REALM_FILE" "$target"; then
    if [ -e "$target" ] && [ -d "$KEYCLOAK_DATA/h2" ]; then
      info "keycloak: $KEYCLOAK_REALM_FILE changed; resetting the dev database so the realm is imported again"
      rm -rf "$KEYCLOAK_DATA/h2"
    fi
    cp "$KEYCLOAK_REALM_FILE" "$target"
  fi
}

keycloak_start() {
  java_env
  keycloak_fetch
  if port_listening "$KEYCLOAK_MGMT_PORT"; then
    die "Keycloak management port $KEYCLOAK_MGMT_PORT is taken ($(port_owner "$KEYCLOAK_MGMT_PORT")); set WAYBILL_KEYCLOAK_MANAGEMENT_PORT"
  fi
  keycloak_prepare
  info "keycloak: starting $KEYCLOAK_VERSION (start-dev) on $KEYCLOAK_URL (management :$KEYCLOAK_MGMT_PORT, java $WAYBILL_JAVA_MAJOR), log $KEYCLOAK_LOG"
  # A local admin for the console (http://127.0.0.1:8180/admin), created on first start only.
  KC_BOOTSTRAP_ADMIN_USERNAME="${WAYBILL_KEYCLOAK_ADMIN:-admin}" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="${WAYBILL_KEYCLOAK_ADMIN_PASSWORD:-admin}" \
    JAVA_OPTS_KC_HEAP="$KEYCLOAK_HEAP_OPTS" \
    JAVA_OPTS_APPEND="-Dwaybill.component=keycloak ${JAVA_OPTS_APPEND:-}" \
    spawn "$KEYCLOAK_LOG" "$KEYCLOAK_PID" "$KEYCLOAK_DIST/bin/kc.sh" start-dev \
    --http-port="$KEYCLOAK_PORT" --http-host=127.0.0.1 \
    --http-management-port="$KEYCLOAK_MGMT_PORT" --import-realm --health-enabled=true
  keycloak_wait "$(<"$KEYCLOAK_PID")"
}

keycloak_wait() {
  local pid="$1" t0
  t0="$(now)"
  until keycloak_serving; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$KEYCLOAK_LOG" >&2 || true
      rm -f "$KEYCLOAK_PID"
      die "Keycloak exited during start-up (last lines of $KEYCLOAK_LOG above)"
    fi
    if [ $(($(now) - t0)) -ge "$KEYCLOAK_START_TIMEOUT" ]; then
      tail -n 40 "$KEYCLOAK_LOG" >&2 || true
      die "Keycloak did not serve realm '$KEYCLOAK_REALM' within $KEYCLOAK_START_TIMEOUT s (pid $pid still running; last lines of $KEYCLOAK_LOG above)"
    fi
    sleep 1
  done
  info "keycloak: realm '$KEYCLOAK_REALM' served at $KEYCLOAK_URL after $(($(now) - t0)) s (pid $pid)"
}

cmd_keycloak() {
  lock keycloak
  local pid
  if pid="$(live_pid "$KEYCLOAK_PID" "$KEYCLOAK_MARKER")"; then
    if keycloak_serving; then
      info "keycloak: already running at $KEYCLOAK_URL with realm '$KEYCLOAK_REALM' (pid $pid; reused)"
      if ! cmp -s "$KEYCLOAK_REALM_FILE" "$KEYCLOAK_DATA/import/waybill-realm.json"; then
        warn "keycloak: $KEYCLOAK_REALM_FILE changed since it was imported; run 'platform.sh stop' then 'platform.sh keycloak' to re-import"
      fi
    else
      info "keycloak: pid $pid is starting; waiting"
      keycloak_wait "$pid"
    fi
  elif port_listening "$KEYCLOAK_PORT"; then
    if keycloak_serving; then
      info "keycloak: a Keycloak not started by these scripts serves realm '$KEYCLOAK_REALM' at $KEYCLOAK_URL ($(port_owner "$KEYCLOAK_PORT")); reusing it"
    else
      die "port $KEYCLOAK_PORT is taken by a process that does not serve Keycloak realm '$KEYCLOAK_REALM' ($(port_owner "$KEYCLOAK_PORT")); stop it or set WAYBILL_KEYCLOAK_PORT"
    fi
  else
    rm -f "$KEYCLOAK_PID"
    keycloak_start
  fi
}

# ---------------------------------------------------------------------------------------------
# stop / status / token

# Stop the process (group) in pid file $2 if it is ours (marker $3); $1 names it.
stop_one() {
  local name="$1" pidfile="$2" marker="$3" pid i
  if ! pid="$(live_pid "$pidfile" "$marker")"; then
    if [ -e "$pidfile" ]; then
      rm -f "$pidfile"
      info "$name: not running (stale pid file removed)"
    else
      info "$name: not running (nothing started by platform.sh)"
    fi
    return 0
  fi
  info "$name: stopping pid $pid"
  # Started with setsid: the pid leads its own process group (kc.sh and its java child too).
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name: still running after 30 s; killing pid $pid"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
  info "$name: stopped"
}

cmd_stop() {
  local what=("$@") c
  [ "${#what[@]}" -gt 0 ] || what=(keycloak kafka test-kafka postgres)
  for c in "${what[@]}"; do
    case "$c" in
      keycloak) stop_one keycloak "$KEYCLOAK_PID" "$KEYCLOAK_MARKER" ;;
      kafka) stop_one kafka "$KAFKA_PID" "$KAFKA_MARKER" ;;
      test-kafka) (use_test_broker && stop_one "test kafka" "$KAFKA_PID" "$KAFKA_MARKER") ;;
      postgres) info "postgres: left running (the machine's server; platform.sh never stops it)" ;;
      *) die "usage: platform.sh stop [kafka] [test-kafka] [keycloak]" ;;
    esac
  done
}

cmd_status() {
  local pid line
  # postgres
  if pg_ready; then
    local have="?"
    if pg_pick_client; then
      have="$("${PSQL[@]}" -c "SELECT count(*) FROM pg_database WHERE datname IN ($(printf "'%s'," "${PG_DATABASES[@]}" | sed 's/,$//'))" 2>/dev/null || echo "?")"
    fi
    line="up    $PG_HOST:$PG_PORT, Waybill databases $have/${#PG_DATABASES[@]}"
  elif port_listening "$PG_PORT"; then
    line="DOWN  port $PG_PORT taken by a non-PostgreSQL process ($(port_owner "$PG_PORT"))"
  else
    line="down  (platform.sh postgres)"
  fi
  printf '%-9s %s\n' postgres "$line"
  # kafka
  if pid="$(live_pid "$KAFKA_PID" "$KAFKA_MARKER")" &&
    grep -qF "PLAINTEXT://127.0.0.1:$KAFKA_PORT," "$KAFKA_CONF" 2>/dev/null; then
    if kafka_answers "$KAFKA_PORT"; then
      line="up    127.0.0.1:$KAFKA_PORT, pid $pid (platform.sh), data $KAFKA_DATA"
    else
      line="START pid $pid running but not answering on 127.0.0.1:$KAFKA_PORT yet (log $KAFKA_LOG)"
    fi
  elif kafka_answers "$KAFKA_PORT"; then
    line="up    127.0.0.1:$KAFKA_PORT, not started by platform.sh ($(port_owner "$KAFKA_PORT"))"
  elif port_listening "$KAFKA_PORT"; then
    line="DOWN  port $KAFKA_PORT taken by a non-Kafka process ($(port_owner "$KAFKA_PORT"))"
  else
    line="down  (platform.sh kafka)"
  fi
  printf '%-9s %s\n' kafka "$line"
  # keycloak
  if pid="$(live_pid "$KEYCLOAK_PID" "$KEYCLOAK_MARKER")"; then
    if keycloak_serving; then
      line="up    $KEYCLOAK_URL realm '$KEYCLOAK_REALM', pid $pid (platform.sh)"
    else
      line="START pid $pid running but realm '$KEYCLOAK_REALM' not served yet (log $KEYCLOAK_LOG)"
    fi
  elif keycloak_serving; then
    line="up    $KEYCLOAK_URL realm '$KEYCLOAK_REALM', not started by platform.sh ($(port_owner "$KEYCLOAK_PORT"))"
  elif port_listening "$KEYCLOAK_PORT"; then
    line="DOWN  port $KEYCLOAK_PORT taken by something that does not serve realm '$KEYCLOAK_REALM' ($(port_owner "$KEYCLOAK_PORT"))"
  else
    line="down  (platform.sh keycloak)"
  fi
  printf '%-9s %s\n' keycloak "$line"
}

cmd_token() {
  [ "$#" -eq 2 ] || die "usage: platform.sh token <client-id> <secret>"
  local body code
  body="$(curl -s -m 10 -w '\n%{http_code}' -u "$1:$2" -d grant_type=client_credentials \
    "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/protocol/openid-connect/token" || true)"
  code="${body##*$'\n'}"
  body="${body%$'\n'*}"
  if [ "$code" = "000" ] || [ -z "$code" ]; then
    die "Keycloak does not answer at $KEYCLOAK_URL (platform.sh keycloak)"
  fi
  [ "$code" = 200 ] || die "token request for client '$1' failed with HTTP $code: $body"
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' <<<"$body"
  else
    sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$body"
  fi
}

usage() {
  cat <<EOF
Usage: deploy/local/platform.sh <command>

  test-infra      postgres + the test suite's own broker on 127.0.0.1:19092 + browser (what the tests need)
  infra           postgres + kafka + keycloak
  postgres        ensure PostgreSQL on $PG_HOST:$PG_PORT and the Waybill roles/databases
  kafka           ensure a Kafka $KAFKA_VERSION KRaft broker on 127.0.0.1:$KAFKA_PORT and the Waybill topics
  keycloak        ensure Keycloak $KEYCLOAK_VERSION on $KEYCLOAK_URL with realm '$KEYCLOAK_REALM'
  browser         ensure Debian's chromium and chromium-driver (apt-get, as root) for the browser test
  stop [kafka|keycloak]
                  stop Kafka and/or Keycloak started by these scripts (never PostgreSQL)
  status          one line per component
  token ID SECRET print an access token (client credentials) from Keycloak
  kafka-class CLASS [ARGS...]
                  run a Kafka tool class with the cached jars, e.g.
                  kafka-class org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:$KAFKA_PORT --list

Cache: $CACHE   Runtime data, logs, pids: $RUN
EOF
}

main() {
  local cmd="${1:-}"
  [ "$#" -gt 0 ] && shift
  case "$cmd" in
    postgres) cmd_postgres ;;
    kafka) cmd_kafka ;;
    keycloak) cmd_keycloak ;;
    browser) cmd_browser ;;
    test-infra)
      cmd_postgres
      use_test_broker
      cmd_kafka
      cmd_browser
      ;;
    infra)
      cmd_postgres
      cmd_kafka
      cmd_keycloak
      ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status ;;
    token) cmd_token "$@" ;;
    kafka-class)
      [ "$#" -ge 1 ] || die "usage: platform.sh kafka-class <main-class> [args...]"
      kafka_class "$@"
      ;;
    -h | --help | help) usage ;;
    "")
      usage >&2
      exit 2
      ;;
    *)
      usage >&2
      die "unknown command: $cmd"
      ;;
  esac
}

main "$@"
