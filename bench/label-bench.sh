#!/usr/bin/env bash
# label-service benchmarks (README.md), run on demand:
#   bench/label-bench.sh render [warm-up s] [measured s] [threads...]      label renders per second, PDF and ZPL
#   bench/label-bench.sh latency <bootstrap> [per s] [measured s] [warm-up s]
#       ShipmentValidated -> LabelGenerated at a fixed rate, against a running label-service on that broker
#       (it leaves the shipments' labels in label-service's database: reference lat-<millis>-<n>, tenant acme)
# On a shared machine hold the build lock so no build competes for the cores:
#   flock /work/.mvn-build.lock bench/label-bench.sh render
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/local/java-env.sh 2>/dev/null || true
case "${1:-}" in
  render) main=io.waybill.bench.LabelRenderBench ;;
  latency) main=io.waybill.bench.LabelLatencyBench ;;
  *) echo "usage: $0 render|latency [arguments]" >&2; exit 2 ;;
esac
shift
# label-service's and event-store's jars must be in the local repository: bench is not in the reactor.
./mvnw -B -q -o -ntp install -pl label-service -am -DskipTests
./mvnw -B -q -o -ntp -f bench/pom.xml package
java -cp "bench/target/waybill-bench.jar:bench/target/lib/*" "$main" "$@"
