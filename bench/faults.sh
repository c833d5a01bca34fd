#!/usr/bin/env bash
# The fault-injection suite, one command (bench/README.md "Fault suite", docs/performance.md, ADR 0097):
#   bench/faults.sh
# Under a steady load through the gateway (shipments, signed sandbox webhooks each delivered three times, returns with
# their stock adjustments; `waybill-bench faults-load`), one after the other:
#   1. Koiki, stood in by WireMock on loopback, answers 503, then too late, then resets connections (~60 s);
#   2. kill -9 of each service, restarted at once with its own command line, environment and directory;
#   3. a restart of the Kafka broker (platform.sh stop kafka && platform.sh kafka);
#   4. a restart of PostgreSQL (pg_ctlcluster ... restart).
# Poisoned records and an unparseable webhook are sent once, early. Then `waybill-bench faults-verify` checks that
# nothing was lost or doubled and prints a PASS/FAIL table (bench/results/faults-<stamp>/summary.md); the exit code is
# 1 if any check failed. Loopback only; 7-15 minutes on the 2-core machine (carrier faults, JVM restarts). Settings: bench/README.md.
# It starts, kills and restarts the shared local stack: hold the stack's lock around it where the machine has one.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
LOCAL="$ROOT/deploy/local"

# Whatever this script restarts (services, Kafka, WireMock) lives on after it: it must not inherit a lock file the
# caller holds (`flock <lock> bench/faults.sh`), or that lock would stay taken until those processes die.
for fd in /proc/$$/fd/*; do
  fd="${fd##*/}"
  if [ "$fd" -gt 2 ] && [ "$fd" != 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
done

SHIPMENT_RATE="${FAULTS_SHIPMENT_RATE:-3}"
KOIKI_RATE="${FAULTS_KOIKI_RATE:-0.5}"
WEBHOOK_RATE="${FAULTS_WEBHOOK_RATE:-3}"
RETURN_RATE="${FAULTS_RETURN_RATE:-0.3}"
WARMUP="${FAULTS_WARMUP:-15}"
STEADY="${FAULTS_STEADY:-5}"
CARRIER_PHASE="${FAULTS_CARRIER_PHASE:-60}"
# A label purchase claimed by the label-service that was killed is taken up again when its claim's lease ends
# (waybill.labels.retry.lease, 5 min, ADR 0050): the checks wait past it rather than call that label missing.
SETTLE="${FAULTS_SETTLE:-420}"
STALL="${FAULTS_STALL:-330}"
LAG_WINDOW="${FAULTS_LAG_WINDOW:-60}"
WIREMOCK_PORT="${FAULTS_WIREMOCK_PORT:-19480}"
KOIKI_TIMEOUT_MS="${FAULTS_KOIKI_TIMEOUT_MS:-2000}"
CLIENT_JVM_OPTS="${BENCH_CLIENT_JVM_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC}"
KAFKA_BOOTSTRAP="${BENCH_KAFKA_BOOTSTRAP:-127.0.0.1:${WAYBILL_KAFKA_PORT:-9092}}"
PG_PORT="${WAYBILL_PG_PORT:-5432}"
RUN="${WAYBILL_RUN:-$HOME/.cache/waybill/run}"
APPS="$RUN/apps"
export BENCH_WEBHOOK_SECRET="${BENCH_WEBHOOK_SECRET:-${WAYBILL_SANDBOX_WEBHOOK_SECRET:-sandbox-webhook-secret}}"
SERVICES=(order-service label-service tracking-service returns-service fulfillment-service gateway)
declare -A PORT=([gateway]=${GATEWAY_PORT:-8080} [order-service]=${ORDER_SERVICE_PORT:-8081}
  [label-service]=${LABEL_SERVICE_PORT:-8082} [tracking-service]=${TRACKING_SERVICE_PORT:-8083}
  [returns-service]=${RETURNS_SERVICE_PORT:-8084} [fulfillment-service]=${FULFILLMENT_SERVICE_PORT:-8085})

# shellcheck source=lib.sh disable=SC1091
source "$HERE/lib.sh"
ensure_stack
ensure_jar
WIREMOCK_JAR="$HERE/target/tools/wiremock-standalone.jar"
[ -f "$WIREMOCK_JAR" ] || { echo "no $WIREMOCK_JAR: rebuild the bench (./mvnw -B -q -f bench/pom.xml package)" >&2; exit 1; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$HERE/results/faults-$STAMP"
mkdir -p "$OUT"
PREFIX="faults-$STAMP"
now_ms() { date +%s%3N; }
printf 'fault\tstart_ms\tend_ms\tback_s\twhat\n' >"$OUT/faults.tsv"
record() { # name start_ms what
  local end
  end="$(now_ms)"
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$end" "$(awk "BEGIN{printf \"%.1f\", ($end-$2)/1000}")" "$3" >>"$OUT/faults.tsv"
  say "$1: back after $(awk "BEGIN{printf \"%.1f\", ($end-$2)/1000}") s"
}

# ------------------------------------------------------------------ restarting what was killed
declare -A KILLED=()   # service -> "cwd|cmdline file|environ file" while it is down
declare -A LOG_MARK=() # service -> lines in its log when it was killed

# Seconds from a kill (start_ms in faults.tsv) until the restarted service was given Kafka partitions again: its
# log's first SmallRye "Initialize record store" line (SRMSG18256) after the kill. A consumer that died keeps its
# group waiting for its session timeout (ADR 0099); readiness alone does not show that.
consuming_again() {
  local svc="$1" start_ms="$2" line ts day
  line="$(tail -n +"$((LOG_MARK[$svc] + 1))" "$APPS/$svc.log" | grep -m1 'SRMSG18256' || true)"
  ts="${line%% *}"
  [[ "$ts" =~ ^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}$ ]] || { echo "?"; return; }
  day="$(date -u -d "@$((start_ms / 1000))" +%F)"
  awk "BEGIN{printf \"%.1f\", ($(date -u -d "$day $ts" +%s%3N)-$start_ms)/1000}"
}

# kill -9 a service, then start it again exactly as it ran (command line, environment, directory), appending to its log.
kill_and_restart() {
  local svc="$1" port="${PORT[$1]}" pid t0
  pid="$(pid_on_port "$port" || true)"
  [ -n "$pid" ] || { echo "$svc: nothing listens on :$port" >&2; return 1; }
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'quarkus-run.jar' || { echo "$svc: pid $pid on :$port is not a Quarkus service" >&2; return 1; }
  cp "/proc/$pid/cmdline" "$OUT/.$svc.cmdline"
  cp "/proc/$pid/environ" "$OUT/.$svc.environ"
  KILLED[$svc]="$(readlink "/proc/$pid/cwd")"
  LOG_MARK[$svc]="$(wc -l <"$APPS/$svc.log")"
  t0="$(now_ms)"
  say "kill -9 $svc (pid $pid)"
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  start_again "$svc"
  wait_ready "$svc" 180
  record "kill -9 $svc" "$t0" "pid $pid killed, started again with the same command line; ready"
}

start_again() {
  local svc="$1" cwd="${KILLED[$1]}"
  local -a cmd envs
  mapfile -d '' cmd <"$OUT/.$svc.cmdline"
  mapfile -d '' envs <"$OUT/.$svc.environ"
  # Its own session (setsid execs in place here), so a signal to this script's process group does not reach it.
  (cd "$cwd" && exec setsid env -i "${envs[@]}" "${cmd[@]}" >>"$APPS/$svc.log" 2>&1 </dev/null) &
  echo $! >"$APPS/$svc.pid"   # setsid, env and the shell exec: this is the JVM's pid, as up.sh records it
  unset "KILLED[$svc]"
}

wait_ready() {
  local svc="$1" max="$2" t0=$SECONDS
  # A loaded service takes seconds to answer its health check: a short client timeout would never see it ready.
  while [ $((SECONDS - t0)) -lt "$max" ]; do
    curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:${PORT[$svc]}/q/health/ready" && return 0
    sleep 0.2
  done
  echo "$svc not ready after $max s; see $APPS/$svc.log" >&2
  return 1
}

# ------------------------------------------------------------------ Koiki on WireMock
WM="http://127.0.0.1:$WIREMOCK_PORT"
BOOKING_STUB=5f1b7a0e-0d6c-4c3e-9a51-6b0f00000001
ACCOUNT_ID=""
GLOBEX_TOKEN=""
WIREMOCK_PID=""
LOAD_PID=""

cleanup() {
  local svc
  for svc in "${!KILLED[@]}"; do
    say "restarting $svc, killed by this run"
    start_again "$svc" || true
  done
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true
  if [ -n "$ACCOUNT_ID" ]; then
    # Without it, globex's Koiki labels would keep going to a WireMock that is gone.
    GLOBEX_TOKEN="$(bash "$LOCAL/platform.sh" token erp-globex erp-globex-secret 2>/dev/null || true)"
    curl -fs -o /dev/null -X DELETE "$GATEWAY/api/v1/carrier-accounts/$ACCOUNT_ID" -H "Authorization: Bearer $GLOBEX_TOKEN" ||
      echo "warning: could not delete carrier account $ACCOUNT_ID of globex" >&2
  fi
  [ -n "$WIREMOCK_PID" ] && kill "$WIREMOCK_PID" 2>/dev/null || true
  rm -f "$OUT"/.*.cmdline "$OUT"/.*.environ
}
trap cleanup EXIT
trap 'exit 143' TERM INT   # so that a stopped run still restarts what it killed and deletes its account

BOOKING_REQUEST='{"method":"POST","url":"/rekis/api/altaEnvios","bodyPatterns":[{"matchesJsonPath":"$.envios[0].numPedido"}]}'
# Koiki's answer in its integration material (CarrierOutageTest): the order reference echoed, a new barcode, a PDF.
BOOKED='{"status":200,"headers":{"Content-Type":"application/json"},"transformers":["response-template"],
 "body":"{\"respuesta\":\"101\",\"mensaje\":\"OK\",\"envios\":[{\"respuesta\":\"101\",\"numPedido\":\"{{jsonPath request.body '"'"'$.envios[0].numPedido'"'"'}}\",\"codBarras\":\"KF{{randomValue length=14 type='"'"'NUMERIC'"'"'}}\",\"etiqueta\":\"JVBERi0xLjQga29pa2k=\"}]}"}'
booking() { # $1 = the booking stub's response
  curl -fsS -o /dev/null -X PUT "$WM/__admin/mappings/$BOOKING_STUB" -H 'Content-Type: application/json' \
    --data "{\"id\":\"$BOOKING_STUB\",\"priority\":1,\"request\":$BOOKING_REQUEST,\"response\":$1}"
}

say "Koiki stand-in: WireMock on 127.0.0.1:$WIREMOCK_PORT (log $OUT/wiremock.log)"
"$JAVA_HOME/bin/java" -Xms32m -Xmx256m -XX:+UseSerialGC -jar "$WIREMOCK_JAR" --port "$WIREMOCK_PORT" --bind-address 127.0.0.1 \
  --disable-banner --max-request-journal-entries 50000 --container-threads 20 \
  >"$OUT/wiremock.log" 2>&1 </dev/null &
WIREMOCK_PID=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "$WM/__admin/health" && break; sleep 0.2; done
curl -fs -o /dev/null "$WM/__admin/health" || { echo "WireMock did not start; see $OUT/wiremock.log" >&2; exit 1; }
# The credential check (altaEnvios without envíos; KoikiAdapter.verifyCredentials) and the booking, as in the koiki tests.
curl -fsS -o /dev/null -X POST "$WM/__admin/mappings" -H 'Content-Type: application/json' --data \
  '{"request":{"method":"POST","url":"/rekis/api/altaEnvios"},"priority":10,
    "response":{"status":200,"jsonBody":{"respuesta":"101","mensaje":"OK","envios":[]}}}'
curl -fsS -o /dev/null -X POST "$WM/__admin/mappings" -H 'Content-Type: application/json' \
  --data "{\"id\":\"$BOOKING_STUB\",\"priority\":1,\"request\":$BOOKING_REQUEST,\"response\":$BOOKED}"

say "A Koiki carrier account for tenant globex pointing at it (timeout ${KOIKI_TIMEOUT_MS} ms)"
GLOBEX_TOKEN="$(bash "$LOCAL/platform.sh" token erp-globex erp-globex-secret)"
ACCOUNT_ID="$(curl -fsS -X POST "$GATEWAY/api/v1/carrier-accounts" -H "Authorization: Bearer $GLOBEX_TOKEN" \
  -H 'Content-Type: application/json' --data "{\"carrier\":\"koiki\",\"name\":\"$PREFIX\",\"settings\":{\"token\":\"faults-koiki-token\",
  \"baseUrl\":\"$WM\",\"trackingBaseUrl\":\"$WM\",\"timeoutMs\":\"$KOIKI_TIMEOUT_MS\"}}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
for _ in $(seq 1 60); do
  status="$(curl -fsS "$GATEWAY/api/v1/carrier-accounts/$ACCOUNT_ID" -H "Authorization: Bearer $GLOBEX_TOKEN" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
  [ "$status" = SYNCED ] && break
  sleep 0.5
done
[ "$status" = SYNCED ] || { echo "the Koiki account is $status, not SYNCED" >&2; exit 1; }

gw_pid="$(pid_on_port "${PORT[gateway]}" || true)"
{
  echo "Machine: $(describe_machine); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Code: $(describe_code)"
  echo "Stack: gateway started $( [ -n "$gw_pid" ] && ps -o lstart= -p "$gw_pid" || echo '?'); Kafka at $KAFKA_BOOTSTRAP; PostgreSQL $(psql -X -At -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'show server_version' 2>/dev/null || echo '?') on :$PG_PORT; Koiki = WireMock $WM (timeout ${KOIKI_TIMEOUT_MS} ms)"
} >"$OUT/meta.txt"

# ------------------------------------------------------------------ the load
say "Load: $SHIPMENT_RATE sandbox + $KOIKI_RATE Koiki shipments/s, $WEBHOOK_RATE carrier events/s (x3), $RETURN_RATE returns/s (log $OUT/load.log)"
# shellcheck disable=SC2086
(cd "$ROOT" && exec "$JAVA_HOME/bin/java" $CLIENT_JVM_OPTS -jar "$JAR" faults-load --out "$OUT" --gateway "$GATEWAY" \
  --bootstrap "$KAFKA_BOOTSTRAP" --keycloak "http://127.0.0.1:${WAYBILL_KEYCLOAK_PORT:-8180}/realms/waybill" \
  --body-template "$HERE/faults-shipment.json" --key-prefix "$PREFIX" --shipment-rate "$SHIPMENT_RATE" \
  --koiki-rate "$KOIKI_RATE" --webhook-rate "$WEBHOOK_RATE" --return-rate "$RETURN_RATE" --lag-window "$LAG_WINDOW" \
  --max-duration 900 --grace 90 --poison-at 10 >"$OUT/load.log" 2>&1) &
LOAD_PID=$!
sleep "$WARMUP"
kill -0 "$LOAD_PID" 2>/dev/null || { tail -20 "$OUT/load.log" >&2; exit 1; }

# ------------------------------------------------------------------ the faults
say "Koiki answers 503 for $CARRIER_PHASE s"
t0="$(now_ms)"
booking '{"status":503,"body":"<html>maintenance</html>"}'
sleep "$CARRIER_PHASE"
record "carrier 503" "$t0" "Koiki (WireMock) answers every booking 503 for $CARRIER_PHASE s"
say "Koiki answers after 5 s (timeout ${KOIKI_TIMEOUT_MS} ms) for $CARRIER_PHASE s"
t0="$(now_ms)"
booking "${BOOKED%\}},\"fixedDelayMilliseconds\":5000}"
sleep "$CARRIER_PHASE"
record "carrier timeout" "$t0" "Koiki books but answers after 5 s, beyond the account's ${KOIKI_TIMEOUT_MS} ms, for $CARRIER_PHASE s"
say "Koiki resets connections for $CARRIER_PHASE s"
t0="$(now_ms)"
booking '{"fault":"CONNECTION_RESET_BY_PEER"}'
sleep "$CARRIER_PHASE"
booking "$BOOKED"
record "carrier reset" "$t0" "Koiki resets every booking connection for $CARRIER_PHASE s; then answers normally again"
sleep "$STEADY"

for svc in "${SERVICES[@]}"; do
  kill_and_restart "$svc"
  sleep "$STEADY"
done

say "Restarting the Kafka broker"
t0="$(now_ms)"
bash "$LOCAL/platform.sh" stop kafka >"$OUT/kafka-restart.log" 2>&1
# A broker starting on a saturated machine can take more than platform.sh's default minute.
WAYBILL_KAFKA_START_TIMEOUT="${WAYBILL_KAFKA_START_TIMEOUT:-240}" bash "$LOCAL/platform.sh" kafka >>"$OUT/kafka-restart.log" 2>&1
record "Kafka restart" "$t0" "platform.sh stop kafka (SIGTERM, controlled shutdown), then platform.sh kafka; answering again"
sleep "$STEADY"

say "Restarting PostgreSQL"
read -r pg_ver pg_name < <(pg_lsclusters -h | awk -v p="$PG_PORT" '$3 == p {print $1, $2; exit}')
t0="$(now_ms)"
pg_ctlcluster --skip-systemctl-redirect "$pg_ver" "$pg_name" restart -m fast >"$OUT/postgres-restart.log" 2>&1
until pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 1; do sleep 0.2; done
record "PostgreSQL restart" "$t0" "pg_ctlcluster $pg_ver $pg_name restart -m fast (every connection dropped); accepting connections"

# The last fault is over: the load stops, its retries drain, and the consumer lag must reach 0 within the window.
touch "$OUT/stop"
say "Load stopping; consumer lag must reach 0 within $LAG_WINDOW s"
wait "$LOAD_PID" || { tail -20 "$OUT/load.log" >&2; exit 1; }
LOAD_PID=""
tail -n 3 "$OUT/load.log" >&2

# When each killed service consumed again, added to its row (its log has the moment; the restart only waited for ready).
while IFS=$'\t' read -r fault start_ms _; do
  svc="${fault#kill -9 }"
  [ "$svc" != "$fault" ] && [ -n "${LOG_MARK[$svc]:-}" ] || continue
  again="$(consuming_again "$svc" "$start_ms")"
  say "$svc: partitions again $again s after the kill"
  awk -F'\t' -v OFS='\t' -v f="$fault" -v a="$again" '$1 == f {$5 = $5 "; partitions again after " a " s"} {print}' \
    "$OUT/faults.tsv" >"$OUT/faults.tsv.new" && mv "$OUT/faults.tsv.new" "$OUT/faults.tsv"
done < <(tail -n +2 "$OUT/faults.tsv")

# ------------------------------------------------------------------ the checks
say "Verifying (waits up to $SETTLE s for what was accepted to go through)"
rc=0
# shellcheck disable=SC2086
(cd "$ROOT" && "$JAVA_HOME/bin/java" $CLIENT_JVM_OPTS -jar "$JAR" faults-verify --out "$OUT" --bootstrap "$KAFKA_BOOTSTRAP" \
  --pg-host 127.0.0.1 --pg-port "$PG_PORT" --wiremock "$WM" --settle "$SETTLE" --stall "$STALL") || rc=$?
echo >&2
echo "Written: ${OUT#"$ROOT"/}/summary.md ($([ "$rc" = 0 ] && echo PASS || echo FAIL))" >&2
exit "$rc"
