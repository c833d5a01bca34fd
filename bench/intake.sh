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

WARMUP="${BENCH_WARMUP:-5}"
DURATION="${BENCH_DURATION:-20}"
TIMEOUT="${BENCH_TIMEOUT:-15}"
MAX_IN_FLIGHT="${BENCH_MAX_IN_FLIGHT:-2000}"
SETTLE_MAX="${BENCH_SETTLE_MAX:-60}"
SETTLE_THRESHOLD="${BENCH_SETTLE_THRESHOLD:-25}"
CLIENT_ID="${BENCH_CLIENT_ID:-erp-acme}"
CLIENT_SECRET="${BENCH_CLIENT_SECRET:-erp-acme-secret}"
BODY="${BENCH_BODY:-$LOCAL/demo-shipment.json}"
CLIENT_JVM_OPTS="${BENCH_CLIENT_JVM_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC}"

if [ "$#" -gt 0 ]; then RATES=("$@"); else RATES=(100 250 500 1000); fi
for r in "${RATES[@]}"; do
  [[ "$r" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "usage: bench/intake.sh [rate/s ...]   (not a rate: $r)" >&2; exit 2; }
done

# shellcheck source=lib.sh disable=SC1091
source "$HERE/lib.sh"
ensure_stack   # 1. the stack
ensure_jar     # 2. the load generator
stack_groups   # 3. whose CPU to watch (GROUP_ARGS)

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
  commits_before="$(pg_commits)"
  # shellcheck disable=SC2086
  BENCH_TOKEN="$TOKEN" "$JAVA_HOME/bin/java" $CLIENT_JVM_OPTS -jar "$JAR" run \
    --url "$GATEWAY/api/v1/shipments" --body-template "$BODY" --rate "$rate" \
    --warmup "$WARMUP" --duration "$DURATION" --timeout "$TIMEOUT" --max-in-flight "$MAX_IN_FLIGHT" \
    --key-prefix "bench-$STAMP" --out "$step" --hgrm "${step%.properties}.hgrm" \
    --clk-tck "$(getconf CLK_TCK 2>/dev/null || echo 100)" \
    --settle-max "$SETTLE_MAX" --settle-threshold "$SETTLE_THRESHOLD" "${GROUP_ARGS[@]}"
  append_commits "$step" "$commits_before"
  STEP_FILES+=("$step")
done

# ------------------------------------------------------------------ 5. the report
gw_pid="$(pid_on_port "$GATEWAY_PORT" || true)"
svc_java="$( [ -n "$gw_pid" ] && readlink -f "/proc/$gw_pid/exe" 2>/dev/null || echo '?')"
{
  echo "# Waybill intake benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- Machine: $(describe_machine)"
  echo "- Load generator JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1) ($JAVA_HOME), $CLIENT_JVM_OPTS"
  echo "- Services' JVM: $svc_java; gateway started $( [ -n "$gw_pid" ] && ps -o lstart= -p "$gw_pid" || echo '?')"
  echo "- Code: $(describe_code)"
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
