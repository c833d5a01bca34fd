#!/usr/bin/env bash
# tracking-service webhook ingest benchmark (README.md, "Webhook ingest"), run on demand:
#   bench/webhooks.sh [calls/s] [seconds] [trackings] [duplicate share]     (defaults: 200 10 500 0.2)
# Runs io.waybill.tracking.bench.WebhookIngestBench, a @QuarkusTest that surefire never picks up by itself,
# against the service as its tests run it (PostgreSQL on 127.0.0.1:5432, the Kafka broker of
# WAYBILL_TEST_KAFKA_BOOTSTRAP, started by the build if needed). Holds the build lock while it runs.
# Writes bench/results/webhooks-<UTC timestamp>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/java-env.sh 2>/dev/null || true
RATE="${1:-200}" SECONDS_="${2:-10}" TRACKINGS="${3:-500}" DUPLICATES="${4:-0.2}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/results
OUT="$PWD/bench/results/webhooks-$STAMP.md"
flock /work/.mvn-build.lock ./mvnw -B -ntp -o -pl tracking-service -am verify -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=WebhookIngestBench -Dbench.rate="$RATE" -Dbench.seconds="$SECONDS_" -Dbench.trackings="$TRACKINGS" \
  -Dbench.duplicates="$DUPLICATES" -Dbench.out="$OUT" -Dquarkus.log.level=WARN >"bench/results/webhooks-$STAMP.log" 2>&1 \
  || { tail -40 "bench/results/webhooks-$STAMP.log" >&2; exit 1; }
cat "$OUT"
