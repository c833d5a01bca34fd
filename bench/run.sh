#!/usr/bin/env bash
# The Waybill benchmark, one command (bench/README.md, docs/performance.md):
#   bench/run.sh
# Against the local stack (started with deploy/local/up.sh if the gateway is not up):
#   1. intake: POST /api/v1/shipments through the gateway at BENCH_INTAKE_RATE/s (sandbox carrier), and the
#      ShipmentValidated -> LabelGenerated latency of those shipments, read from Kafka;
#   2. webhooks: signed POST /webhooks/sandbox for their tracking numbers at BENCH_WEBHOOK_RATE/s, a share
#      BENCH_DUPLICATES of them re-deliveries, and the webhook -> StatusChanged latency;
#   3. raw limits on the same machine, in the same run: Kafka's own perf tools (ProducerPerformance,
#      ConsumerPerformance, EndToEndLatency = kafka-producer-perf-test.sh, kafka-consumer-perf-test.sh,
#      kafka-e2e-latency.sh) on the stack's broker, and pgbench single-row and batched INSERTs on its PostgreSQL;
#   4. bench/results/run-<timestamp>/report.md (figures, raw limits, ratios) and report.png.
# A default run takes about 3-4 minutes. Settings: bench/README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
LOCAL="$ROOT/deploy/local"

INTAKE_RATE="${BENCH_INTAKE_RATE:-10}"
WEBHOOK_RATE="${BENCH_WEBHOOK_RATE:-50}"
DUPLICATES="${BENCH_DUPLICATES:-0.25}"
WARMUP="${BENCH_WARMUP:-5}"
DURATION="${BENCH_DURATION:-20}"
WAIT="${BENCH_WAIT:-90}"
CLIENT_ID="${BENCH_CLIENT_ID:-erp-acme}"
CLIENT_SECRET="${BENCH_CLIENT_SECRET:-erp-acme-secret}"
BODY="${BENCH_BODY:-$LOCAL/demo-shipment.json}"
CLIENT_JVM_OPTS="${BENCH_CLIENT_JVM_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC}"
KAFKA_BOOTSTRAP="${BENCH_KAFKA_BOOTSTRAP:-127.0.0.1:${WAYBILL_KAFKA_PORT:-9092}}"
KAFKA_RECORDS="${BENCH_KAFKA_RECORDS:-200000}"
KAFKA_RECORD_SIZE="${BENCH_KAFKA_RECORD_SIZE:-1024}"
KAFKA_E2E_MESSAGES="${BENCH_KAFKA_E2E_MESSAGES:-2000}"
KAFKA_TOOL_JVM_OPTS="${BENCH_KAFKA_TOOL_JVM_OPTS:--Xms256m -Xmx512m}"
PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
PG_PORT="${WAYBILL_PG_PORT:-5432}"
PG_USER="${BENCH_PG_USER:-postgres}"
PG_CLIENTS="${BENCH_PG_CLIENTS:-8}"
PG_SECONDS="${BENCH_PG_SECONDS:-10}"
PG_BATCH="${BENCH_PG_BATCH:-100}"
export BENCH_WEBHOOK_SECRET="${BENCH_WEBHOOK_SECRET:-${WAYBILL_SANDBOX_WEBHOOK_SECRET:-sandbox-webhook-secret}}"

# shellcheck source=lib.sh disable=SC1091
source "$HERE/lib.sh"
ensure_stack
ensure_jar
stack_groups

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$HERE/results/run-$STAMP"
mkdir -p "$OUT"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
STARTED="$(date -u '+%Y-%m-%d %H:%M UTC')"

# ------------------------------------------------------------------ 1-2. intake, labels, webhooks, status changes
say "Intake at $INTAKE_RATE/s, then webhooks at $WEBHOOK_RATE/s ($DUPLICATES duplicates), each ${WARMUP} s warm-up + ${DURATION} s measured"
TOKEN="$(bash "$LOCAL/platform.sh" token "$CLIENT_ID" "$CLIENT_SECRET")"
# shellcheck disable=SC2086
(cd "$ROOT" && BENCH_TOKEN="$TOKEN" "$JAVA_HOME/bin/java" $CLIENT_JVM_OPTS -jar "$JAR" suite --out "$OUT" \
  --gateway "$GATEWAY" --bootstrap "$KAFKA_BOOTSTRAP" --body-template "$BODY" \
  --intake-rate "$INTAKE_RATE" --webhook-rate "$WEBHOOK_RATE" --duplicates "$DUPLICATES" \
  --warmup "$WARMUP" --duration "$DURATION" --wait "$WAIT" --key-prefix "bench-$STAMP" \
  --clk-tck "$(getconf CLK_TCK 2>/dev/null || echo 100)" "${GROUP_ARGS[@]}")

# ------------------------------------------------------------------ 3a. raw Kafka: the broker of the stack, its tools
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$LOCAL/kafka/pom.xml" | head -n1)"
KAFKA_LIBS="${WAYBILL_CACHE:-$HOME/.cache/waybill}/kafka-$KAFKA_VERSION/libs"
[ -f "$KAFKA_LIBS/kafka-tools-$KAFKA_VERSION.jar" ] || { echo "no Kafka tools in $KAFKA_LIBS (deploy/local/platform.sh kafka fetches them)" >&2; exit 1; }
kafka_tool() {
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $KAFKA_TOOL_JVM_OPTS "-Dlog4j2.configurationFile=$LOCAL/kafka/log4j2-tools.properties" \
    -cp "$KAFKA_LIBS/*" "org.apache.kafka.tools.$1" "${@:2}"
}
RAW_TOPIC="bench.raw-$STAMP"
E2E_TOPIC="bench.e2e-$STAMP"
for t in "$RAW_TOPIC" "$E2E_TOPIC"; do
  kafka_tool TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --create --topic "$t" --partitions 3 --replication-factor 1 >/dev/null
done
say "Raw Kafka produce: $KAFKA_RECORDS records of $KAFKA_RECORD_SIZE bytes, acks=all, as fast as possible (ProducerPerformance)"
kafka_tool ProducerPerformance --topic "$RAW_TOPIC" --num-records "$KAFKA_RECORDS" --record-size "$KAFKA_RECORD_SIZE" \
  --throughput -1 --producer-props bootstrap.servers="$KAFKA_BOOTSTRAP" acks=all | tee "$OUT/kafka-produce.txt" | tail -n1 >&2
say "Raw Kafka consume: the same records (ConsumerPerformance)"
kafka_tool ConsumerPerformance --bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$RAW_TOPIC" --messages "$KAFKA_RECORDS" \
  --timeout 30000 | tee "$OUT/kafka-consume.txt" >&2
say "Raw Kafka produce -> consume latency: $KAFKA_E2E_MESSAGES messages one at a time (EndToEndLatency)"
kafka_tool EndToEndLatency "$KAFKA_BOOTSTRAP" "$E2E_TOPIC" "$KAFKA_E2E_MESSAGES" all "$KAFKA_RECORD_SIZE" \
  >"$OUT/kafka-e2e.txt" 2>&1 || true
grep -E 'Avg latency|Percentiles' "$OUT/kafka-e2e.txt" >&2 || tail -n5 "$OUT/kafka-e2e.txt" >&2
for t in "$RAW_TOPIC" "$E2E_TOPIC"; do
  kafka_tool TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --delete --topic "$t" >/dev/null 2>&1 || true
done

# ------------------------------------------------------------------ 3b. raw PostgreSQL: pgbench on a scratch database
PG_DB="waybill_bench_raw_$(date +%s)"
psql_raw() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"; }
psql_raw -d postgres -c "CREATE DATABASE $PG_DB"
trap 'psql_raw -d postgres -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true' EXIT
psql_raw -d "$PG_DB" -c "CREATE TABLE raw_insert (id bigserial PRIMARY KEY, tenant text NOT NULL, body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now())"
# The shipment body of the intake (its JSON as one SQL literal), one row per transaction, then PG_BATCH rows per transaction.
JSON="$(tr -d '\n' <"$BODY" | sed "s/__REFERENCE__/raw/; s/'/''/g")"
printf "INSERT INTO raw_insert (tenant, body) VALUES ('acme', '%s'::jsonb);\n" "$JSON" >"$OUT/pg-insert.sql"
printf "INSERT INTO raw_insert (tenant, body) SELECT 'acme', '%s'::jsonb FROM generate_series(1, %d);\n" "$JSON" "$PG_BATCH" \
  >"$OUT/pg-insert-batch.sql"
PG_SETTINGS="$(psql_raw -d "$PG_DB" -Atc "SELECT 'PostgreSQL ' || current_setting('server_version') || ', synchronous_commit=' ||
  current_setting('synchronous_commit') || ', fsync=' || current_setting('fsync')")"
say "Raw PostgreSQL INSERT: $PG_CLIENTS clients, $PG_SECONDS s, one row per transaction, then $PG_BATCH rows per transaction (pgbench)"
pgbench -n -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -c "$PG_CLIENTS" -j 2 -T "$PG_SECONDS" -f "$OUT/pg-insert.sql" "$PG_DB" \
  >"$OUT/pg-insert.txt" 2>&1
pgbench -n -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -c "$PG_CLIENTS" -j 2 -T "$PG_SECONDS" -f "$OUT/pg-insert-batch.sql" "$PG_DB" \
  >"$OUT/pg-insert-batch.txt" 2>&1
grep -h '^tps' "$OUT/pg-insert.txt" "$OUT/pg-insert-batch.txt" >&2

# ------------------------------------------------------------------ 4. the report
gw_pid="$(pid_on_port "$GATEWAY_PORT" || true)"
{
  echo "date=$STARTED"
  echo "machine=$(describe_machine)"
  echo "load=load average $LOAD_BEFORE before the run, $(cut -d' ' -f1-3 /proc/loadavg) after (1, 5, 15 min; the machine has $(nproc) cores)"
  echo "jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | head -n1) for the bench client and the Kafka tools; services: $( [ -n "$gw_pid" ] && readlink -f "/proc/$gw_pid/exe" || echo '?')"
  echo "code=$(describe_code)"
  echo "stack=gateway started $( [ -n "$gw_pid" ] && ps -o lstart= -p "$gw_pid" || echo '?'); Kafka $KAFKA_VERSION at $KAFKA_BOOTSTRAP; $PG_SETTINGS"
  echo "load-shape=intake $INTAKE_RATE/s and webhooks $WEBHOOK_RATE/s (${DUPLICATES} re-deliveries), each $WARMUP s warm-up + $DURATION s measured, one after the other; body $(basename "$BODY")"
  echo "kafka.describe=kafka-producer-perf-test, $KAFKA_RECORDS x $KAFKA_RECORD_SIZE B, acks=all, 3 partitions"
  echo "kafka.e2e.describe=$KAFKA_E2E_MESSAGES x $KAFKA_RECORD_SIZE B, acks=all"
  echo "pg.describe=pgbench, $PG_CLIENTS clients, the intake's JSON body as jsonb"
  echo "pg.batchRows=$PG_BATCH"
} >"$OUT/meta.properties"
"$JAVA_HOME/bin/java" -Djava.awt.headless=true -jar "$JAR" suite-report "$OUT"
echo >&2
cat "$OUT/report.md"
echo >&2
echo "Written: ${OUT#"$ROOT"/}/report.md and report.png" >&2
