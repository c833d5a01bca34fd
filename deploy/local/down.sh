#!/usr/bin/env bash
# Stops the services started by up.sh, then Kafka and Keycloak (never the machine's PostgreSQL,
# nor the test suite's broker on 19092).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APPS="${WAYBILL_RUN:-$HOME/.cache/waybill/run}/apps"
for pidfile in "$APPS"/*.pid; do
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  # Only our service: a pid file can outlive its process and the pid be reused by another.
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'quarkus-run.jar'; then
    echo "Stopping $(basename "$pidfile" .pid) (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
done
bash "$HERE/platform.sh" stop keycloak kafka  # not the tests' broker on 19092 (platform.sh stop test-kafka)
