#!/usr/bin/env bash
# Starts the whole Waybill suite on this machine and sends a demo shipment end to end:
# builds the services, starts Kafka, PostgreSQL and Keycloak (platform.sh infra), runs the six
# services from copies of their packages, then posts a shipment through the gateway, waits for its
# label and tracking number, and moves it with a signed sandbox webhook.
#   deploy/local/up.sh            build, start, demo
#   WAYBILL_SKIP_BUILD=1 ...      reuse the last build
# Stop everything with deploy/local/down.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN="${WAYBILL_RUN:-$HOME/.cache/waybill/run}"
APPS="$RUN/apps"
# shellcheck source=java-env.sh
source "$HERE/java-env.sh"

declare -A PORT=([gateway]=${GATEWAY_PORT:-8080} [order-service]=${ORDER_SERVICE_PORT:-8081}
  [label-service]=${LABEL_SERVICE_PORT:-8082} [tracking-service]=${TRACKING_SERVICE_PORT:-8083}
  [returns-service]=${RETURNS_SERVICE_PORT:-8084} [fulfillment-service]=${FULFILLMENT_SERVICE_PORT:-8085})
SERVICES=(order-service label-service tracking-service returns-service fulfillment-service gateway)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ "${WAYBILL_SKIP_BUILD:-0}" != 1 ]; then
  say "Building the services (./mvnw package, tests skipped; run them with: bash .ci/run)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
fi

say "Starting the platform (PostgreSQL, Kafka, Keycloak)"
bash "$HERE/platform.sh" infra

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

mkdir -p "$APPS"
for svc in "${SERVICES[@]}"; do
  pidfile="$APPS/$svc.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    say "$svc already running (pid $(cat "$pidfile"))"
    continue
  fi
  if port_open "${PORT[$svc]}"; then
    echo "Port ${PORT[$svc]} for $svc is taken by another process; set $(printf %s "${svc^^}" | tr - _)_PORT or free it." >&2
    exit 1
  fi
  # Run from a copy: rebuilding target/ under a running service breaks it.
  rm -rf "${APPS:?}/$svc" && cp -r "$ROOT/$svc/target/quarkus-app" "$APPS/$svc"
  say "Starting $svc on :${PORT[$svc]} (log: $APPS/$svc.log)"
  (
    cd "$APPS/$svc"
    export GATEWAY_PORT=${PORT[gateway]} ORDER_SERVICE_PORT=${PORT[order-service]} LABEL_SERVICE_PORT=${PORT[label-service]}
    export TRACKING_SERVICE_PORT=${PORT[tracking-service]} RETURNS_SERVICE_PORT=${PORT[returns-service]}
    export FULFILLMENT_SERVICE_PORT=${PORT[fulfillment-service]} FULFILLMENT_SERVICE_URL=http://127.0.0.1:${PORT[fulfillment-service]}
    export ORDER_SERVICE_URL=http://127.0.0.1:${PORT[order-service]} LABEL_SERVICE_URL=http://127.0.0.1:${PORT[label-service]}
    export TRACKING_SERVICE_URL=http://127.0.0.1:${PORT[tracking-service]} RETURNS_SERVICE_URL=http://127.0.0.1:${PORT[returns-service]}
    export WAYBILL_SANDBOX_WEBHOOK_SECRET="${WAYBILL_SANDBOX_WEBHOOK_SECRET:-sandbox-webhook-secret}"
    export WAYBILL_RETURNS_SANDBOX_WEBHOOK_SECRET="${WAYBILL_RETURNS_SANDBOX_WEBHOOK_SECRET:-sandbox-returns-webhook-secret}"
    # Seals carrier-account credentials in label-service (docs/labels.md); a fixed local-only key.
    export WAYBILL_CREDENTIALS_KEY="${WAYBILL_CREDENTIALS_KEY:-bG9jYWwtb25seS1jcmVkZW50aWFscy1rZXktMDAwMDA=}" WAYBILL_CREDENTIALS_KEY_ID="${WAYBILL_CREDENTIALS_KEY_ID:-primary}"
    # Encrypts the gateway's partner-webhook signing secrets (docs/gateway.md); a fixed local-only key.
    export WAYBILL_WEBHOOK_SECRET_KEY="${WAYBILL_WEBHOOK_SECRET_KEY:-bG9jYWwtb25seS13ZWJob29rLXNlY3JldC1rZXktMDA=}"
    # A service outlives this script: it must not keep a lock file the caller holds (`flock <lock> up.sh`) open.
    for fd in /proc/$BASHPID/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null || true; done
    # exec: the recorded pid is the service's own, so down.sh stops the service itself.
    exec nohup "$JAVA_HOME/bin/java" --add-opens java.base/java.lang=ALL-UNNAMED -Xmx384m -jar quarkus-run.jar \
      >"$APPS/$svc.log" 2>&1
  ) &
  echo $! >"$pidfile"
done

for svc in "${SERVICES[@]}"; do
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:${PORT[$svc]}/q/health/ready" >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:${PORT[$svc]}/q/health/ready" >/dev/null || { echo "$svc is not ready; see $APPS/$svc.log" >&2; exit 1; }
done
say "All six services are ready"

GW="http://127.0.0.1:${PORT[gateway]}"
TOKEN="$(bash "$HERE/platform.sh" token erp-acme erp-acme-secret)"
REF="DEMO-$(date +%s)"
say "Posting demo shipment $REF through the gateway as erp-acme"
sed "s/__REFERENCE__/$REF/" "$HERE/demo-shipment.json" >"$RUN/demo-shipment.json"
created="$(curl -fsS -X POST "$GW/api/v1/shipments" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: $REF" --data @"$RUN/demo-shipment.json")"
ID="$(printf '%s' "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
echo "shipment id: $ID"

TRACKING=""
for _ in $(seq 1 60); do
  TRACKING="$(curl -fsS "$GW/api/v1/shipments/$ID" -H "Authorization: Bearer $TOKEN" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin).get("trackingNumber") or "")')"
  [ -n "$TRACKING" ] && break
  sleep 0.5
done
[ -n "$TRACKING" ] || { echo "No label after 30 s; see $APPS/label-service.log" >&2; exit 1; }
echo "tracking number: $TRACKING"
curl -fsS "$GW/api/v1/shipments/$ID/label?format=pdf" -H "Authorization: Bearer $TOKEN" -o "$RUN/demo-label.pdf"
curl -fsS "$GW/api/v1/shipments/$ID/label?format=zpl" -H "Authorization: Bearer $TOKEN" -o "$RUN/demo-label.zpl"

say "The sandbox carrier reports the parcel out for delivery (signed webhook)"
BODY="{\"trackingNumber\":\"$TRACKING\",\"code\":\"OUT_FOR_DELIVERY\",\"description\":\"Out for delivery\",\"location\":\"Barcelona\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}"
TS="$(date +%s)"
SIG="$(printf '%s' "$TS.$BODY" | openssl dgst -sha256 -hmac "${WAYBILL_SANDBOX_WEBHOOK_SECRET:-sandbox-webhook-secret}" -r | cut -d' ' -f1)"
curl -fsS -X POST "$GW/webhooks/sandbox" -H 'Content-Type: application/json' -H "Waybill-Signature: t=$TS,v1=$SIG" --data "$BODY"
echo
for _ in $(seq 1 40); do
  STATUS="$(curl -fsS "$GW/api/v1/shipments/$ID" -H "Authorization: Bearer $TOKEN" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin).get("trackingStatus") or "")')"
  [ "$STATUS" = OUT_FOR_DELIVERY ] && break
  sleep 0.5
done
echo "tracking status: ${STATUS:-none yet}"

cat <<TXT

Waybill is running.
  Gateway (the API):     $GW            e.g. curl -H "Authorization: Bearer \$TOKEN" $GW/api/v1/shipments/$ID
  Services (Swagger UI): http://127.0.0.1:${PORT[order-service]}/q/swagger-ui  (8082 label, 8083 tracking, 8084 returns, 8085 fulfillment)
  Keycloak:              http://127.0.0.1:${WAYBILL_KEYCLOAK_PORT:-8180}  realm waybill (admin console: admin/admin)
  Token:                 TOKEN=\$(bash deploy/local/platform.sh token erp-acme erp-acme-secret)
  Demo label:            $RUN/demo-label.pdf  and  $RUN/demo-label.zpl
  Kafka topics:          waybill.shipment-validated, waybill.label-generated, waybill.status-changed, ... on 127.0.0.1:${WAYBILL_KAFKA_PORT:-9092}
                         bash deploy/local/platform.sh kafka-class org.apache.kafka.tools.consumer.ConsoleConsumer \\
                           --bootstrap-server 127.0.0.1:9092 --topic waybill.label-generated --from-beginning --property print.headers=true
  Logs:                  $APPS/<service>.log
  Stop:                  deploy/local/down.sh
TXT
