#!/usr/bin/env bash
# The order-service intake transaction alone on PostgreSQL: statements and backend CPU per intake.
#   bench/intake-sql.sh [accept|handle] [threads] [intakes]     (defaults: accept 8 4000)
# Needs the modules built (target/classes of contracts, event-store, order-service) and PostgreSQL
# on this machine (BENCH_PG_URL, BENCH_PG_USER; trust authentication). Creates and drops its own
# database. See bench/README.md, "Intake SQL cost".
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# shellcheck source=../deploy/local/java-env.sh disable=SC1091
source "$ROOT/deploy/local/java-env.sh"
MODE="${1:-accept}" THREADS="${2:-8}" INTAKES="${3:-4000}"
OUT="$HERE/target/sql"
mkdir -p "$OUT"
if [ ! -f "$OUT/runtime.cp" ] || [ "$ROOT/order-service/pom.xml" -nt "$OUT/runtime.cp" ]; then
  (cd "$ROOT" && ./mvnw -B -q -o dependency:build-classpath -pl order-service \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$OUT/runtime.cp") >&2
fi
CP="$ROOT/contracts/target/classes:$ROOT/event-store/target/classes:$ROOT/order-service/target/classes:$(cat "$OUT/runtime.cp")"
"$JAVA_HOME/bin/javac" -nowarn -d "$OUT" -cp "$CP" "$HERE/sql/IntakeSql.java"
"$JAVA_HOME/bin/java" -cp "$OUT:$CP" IntakeSql "$MODE" "$THREADS" "$INTAKES" "$ROOT/deploy/local/demo-shipment.json" \
  2>&1 | grep -E '^mode=|Exception' || true
