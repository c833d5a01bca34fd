#!/usr/bin/env bash
# Intake benchmark: POST /api/v1/shipments through the gateway at fixed arrival rates (open model).
#   bench/intake.sh                 rates 100 250 500 1000 /s, 5 s warm-up + 20 s measured each
#   bench/intake.sh 50 200          other rates
# Writes bench/results/intake-<timestamp>.md (and the raw step files in bench/results/intake-<timestamp>/)
# and prints it. Starts the local stack with deploy/local/up.sh if the gateway is not up
# (BENCH_START_STACK=0: only say so). Settings: see bench/README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
LOCAL="$ROOT/deploy/local"

GATEWAY_PORT="${GATEWAY_PORT:-8080}"
GATEWAY="${BENCH_GATEWAY:-http://127.0.0.1:$GATEWAY_PORT}"
WARMUP="${BENCH_WARMUP:-5}"
DURATION="${BENCH_DURATION:-20}"
TIMEOUT="${BENCH_TIMEOUT:-15}"
MAX_IN_FLIGHT="${BENCH_MAX_IN_FLIGHT:-2000}"
SETTLE_MAX="${BENCH_SETTLE_MAX:-60}"
SETTLE_THRESHOLD="${BENCH_SETTLE_THRESHOLD:-25}"
CLIENT_ID="${BENCH_CLIENT_ID:-erp-acme}"
CLIENT_SECRET="${BENCH_CLIENT_SECRET:-erp-acme-secret}"
BODY="${BENCH_BODY:-$LOCAL/demo-shipment.json}"
START_STACK="${BENCH_START_STACK:-1}"
CLIENT_JVM_OPTS="${BENCH_CLIENT_JVM_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC}"

if [ "$#" -gt 0 ]; then RATES=("$@"); else RATES=(100 250 500 1000); fi
for r in "${RATES[@]}"; do
  [[ "$r" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "usage: bench/intake.sh [rate/s ...]   (not a rate: $r)" >&2; exit 2; }
done

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
# shellcheck source=../deploy/local/java-env.sh disable=SC1091
source "$LOCAL/java-env.sh"

ready() { curl -fs -o /dev/null --max-time 2 "$1/q/health/ready"; }

# ------------------------------------------------------------------ 1. the stack
if ! ready "$GATEWAY"; then
  if [ "$START_STACK" != 1 ]; then
    echo "The gateway at $GATEWAY is not up. Start the stack first:" >&2
    echo "  deploy/local/up.sh                       (builds the services)" >&2
    echo "  WAYBILL_SKIP_BUILD=1 deploy/local/up.sh  (reuses the last build)" >&2
    exit 1
  fi
  if [ -z "${WAYBILL_SKIP_BUILD:-}" ]; then
    built=1
    for svc in order-service label-service tracking-service returns-service gateway; do
      [ -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] || built=0
    done
    # A build exists: reuse it (set WAYBILL_SKIP_BUILD=0 to rebuild).
    [ "$built" = 1 ] && export WAYBILL_SKIP_BUILD=1
  fi
  say "The gateway is not up: starting the stack (deploy/local/up.sh, WAYBILL_SKIP_BUILD=${WAYBILL_SKIP_BUILD:-0})"
  bash "$LOCAL/up.sh" >&2
fi
ready "$GATEWAY" || { echo "The gateway at $GATEWAY is still not ready." >&2; exit 1; }
ready "http://127.0.0.1:${ORDER_SERVICE_PORT:-8081}" || echo "warning: order-service is not ready on :${ORDER_SERVICE_PORT:-8081}" >&2

# ------------------------------------------------------------------ 2. the load generator
JAR="$HERE/target/waybill-bench.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -type f 2>/dev/null | head -n1)" ]; then
  say "Building the load generator (./mvnw -f bench/pom.xml package)"
  (cd "$ROOT" && { ./mvnw -B -q -o -f bench/pom.xml package || ./mvnw -B -q -f bench/pom.xml package; }) >&2
fi

# ------------------------------------------------------------------ 3. whose CPU to watch (process listening on each port)
pid_on_port() {
  ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2
}
GROUP_ARGS=()
PG_STACK_BACKENDS='^postgres: [^:]+: (((waybill_(order|label|tracking|returns|gateway)) \3 )|checkpointer|background writer|walwriter)'
declare -A PORTS=([gateway]=$GATEWAY_PORT [order-service]=${ORDER_SERVICE_PORT:-8081}
  [label-service]=${LABEL_SERVICE_PORT:-8082} [tracking-service]=${TRACKING_SERVICE_PORT:-8083}
  [returns-service]=${RETURNS_SERVICE_PORT:-8084} [keycloak]=${WAYBILL_KEYCLOAK_PORT:-8180}
  [kafka]=${WAYBILL_KAFKA_PORT:-9092} [postgres]=${WAYBILL_PG_PORT:-5432})
for g in gateway order-service label-service tracking-service returns-service keycloak kafka postgres; do
  pid="$(pid_on_port "${PORTS[$g]}" || true)"
  if [ -z "$pid" ] && [ "$g" = postgres ]; then pid="$(pgrep -u postgres -x -o postgres || true)"; fi
  if [ -z "$pid" ]; then
    echo "warning: no process found for $g (port ${PORTS[$g]}); its CPU is not measured" >&2
  elif [ "$g" = postgres ]; then
    # Only the stack's backends (user = database = waybill_<service>) and the WAL/checkpoint writers:
    # tests may share the cluster (waybill_*_test_* databases); those count as "other".
    GROUP_ARGS+=(--group "postgres=$pid~$PG_STACK_BACKENDS")
  else
    GROUP_ARGS+=(--group "$g=$pid")
  fi
done

# ------------------------------------------------------------------ 4. the steps
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$HERE/results"
STEPS="$RESULTS/intake-$STAMP"
REPORT="$RESULTS/intake-$STAMP.md"
mkdir -p "$STEPS"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
STEP_FILES=()
i=0
for rate in "${RATES[@]}"; do
  i=$((i + 1))
  # A fresh token per step: they live 900 s.
  TOKEN="$(bash "$LOCAL/platform.sh" token "$CLIENT_ID" "$CLIENT_SECRET")"
  step="$STEPS/$(printf '%02d' "$i")-${rate}.properties"
  say "Step $i/${#RATES[@]}: $rate requests/s"
  # shellcheck disable=SC2086
  BENCH_TOKEN="$TOKEN" "$JAVA_HOME/bin/java" $CLIENT_JVM_OPTS -jar "$JAR" run \
    --url "$GATEWAY/api/v1/shipments" --body-template "$BODY" --rate "$rate" \
    --warmup "$WARMUP" --duration "$DURATION" --timeout "$TIMEOUT" --max-in-flight "$MAX_IN_FLIGHT" \
    --key-prefix "bench-$STAMP" --out "$step" --hgrm "${step%.properties}.hgrm" \
    --clk-tck "$(getconf CLK_TCK 2>/dev/null || echo 100)" \
    --settle-max "$SETTLE_MAX" --settle-threshold "$SETTLE_THRESHOLD" "${GROUP_ARGS[@]}"
  STEP_FILES+=("$step")
done

# ------------------------------------------------------------------ 5. the report
gw_pid="$(pid_on_port "$GATEWAY_PORT" || true)"
svc_java="$( [ -n "$gw_pid" ] && readlink -f "/proc/$gw_pid/exe" 2>/dev/null || echo '?')"
dirty="$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -vc ' bench/' || true)"
{
  echo "# Waybill intake benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')), $(free -g 2>/dev/null | awk '/^Mem:/{print $2 " GiB"}') memory, $(uname -sr)"
  echo "- Load generator JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1) ($JAVA_HOME), $CLIENT_JVM_OPTS"
  echo "- Services' JVM: $svc_java; gateway started $( [ -n "$gw_pid" ] && ps -o lstart= -p "$gw_pid" || echo '?')"
  echo "- Code: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) ($dirty changed files outside bench/ in the working tree; the running services are whatever up.sh last built)"
  echo "- Load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  echo "- Steps: ${RATES[*]} requests/s, each $WARMUP s warm-up (same rate, not recorded) + $DURATION s measured; request timeout $TIMEOUT s; at most $MAX_IN_FLIGHT in flight"
  echo "- Request: POST $GATEWAY/api/v1/shipments, token of $CLIENT_ID, body $(basename "$BODY") ($(wc -c <"$BODY") bytes) with a unique orderReference = Idempotency-Key per request; HTTP/1.1, java.net.http.HttpClient"
  echo
  BENCH_TOKEN=unused "$JAVA_HOME/bin/java" -jar "$JAR" report "${STEP_FILES[@]}"
  echo
  echo "CPU groups are the processes listening on the stack's ports and their children; \"postgres\" counts only the"
  echo "backends of the stack's databases (waybill_<service>) and the WAL/checkpoint writers: tests using the same"
  echo "cluster land in \"other\". See bench/README.md for how to read these tables."
  echo
  echo "Raw figures per step (properties, HdrHistogram percentile distributions): bench/results/intake-$STAMP/"
} >"$REPORT"
echo >&2
cat "$REPORT"
echo >&2
echo "Written: ${REPORT#"$ROOT"/}" >&2
