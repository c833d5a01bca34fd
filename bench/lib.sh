#!/usr/bin/env bash
# Shared by bench/intake.sh and bench/run.sh (sourced, not run): the local stack, the load generator's jar,
# and which processes' CPU to watch. Expects HERE (bench/), ROOT and LOCAL (deploy/local) to be set.

GATEWAY_PORT="${GATEWAY_PORT:-8080}"
GATEWAY="${BENCH_GATEWAY:-http://127.0.0.1:$GATEWAY_PORT}"
START_STACK="${BENCH_START_STACK:-1}"
JAR="$HERE/target/waybill-bench.jar"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
# shellcheck source=../deploy/local/java-env.sh disable=SC1091
source "$LOCAL/java-env.sh"

ready() { curl -fs -o /dev/null --max-time 2 "$1/q/health/ready"; }

# Starts the stack with deploy/local/up.sh unless the gateway answers (BENCH_START_STACK=0: only say how).
ensure_stack() {
  if ! ready "$GATEWAY"; then
    if [ "$START_STACK" != 1 ]; then
      echo "The gateway at $GATEWAY is not up. Start the stack first:" >&2
      echo "  deploy/local/up.sh                       (builds the services)" >&2
      echo "  WAYBILL_SKIP_BUILD=1 deploy/local/up.sh  (reuses the last build)" >&2
      exit 1
    fi
    if [ -z "${WAYBILL_SKIP_BUILD:-}" ]; then
      local built=1 svc
      for svc in order-service label-service tracking-service returns-service fulfillment-service gateway; do
        [ -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] || built=0
      done
      # A build exists: reuse it (set WAYBILL_SKIP_BUILD=0 to rebuild).
      [ "$built" = 1 ] && export WAYBILL_SKIP_BUILD=1
    fi
    # The gateway's per-client rate limits (50 API calls/s, 100 webhooks/s by default) would measure themselves,
    # not Waybill: a stack started for a benchmark lets one client go far beyond them (unless set already).
    export WAYBILL_RATE_LIMIT_API_CAPACITY="${WAYBILL_RATE_LIMIT_API_CAPACITY:-100000}"
    export WAYBILL_RATE_LIMIT_API_RATE="${WAYBILL_RATE_LIMIT_API_RATE:-100000}"
    export WAYBILL_RATE_LIMIT_WEBHOOKS_CAPACITY="${WAYBILL_RATE_LIMIT_WEBHOOKS_CAPACITY:-100000}"
    export WAYBILL_RATE_LIMIT_WEBHOOKS_RATE="${WAYBILL_RATE_LIMIT_WEBHOOKS_RATE:-100000}"
    say "The gateway is not up: starting the stack (deploy/local/up.sh, WAYBILL_SKIP_BUILD=${WAYBILL_SKIP_BUILD:-0}, gateway rate limits raised)"
    bash "$LOCAL/up.sh" >&2
  fi
  ready "$GATEWAY" || { echo "The gateway at $GATEWAY is still not ready." >&2; exit 1; }
  ready "http://127.0.0.1:${ORDER_SERVICE_PORT:-8081}" || echo "warning: order-service is not ready on :${ORDER_SERVICE_PORT:-8081}" >&2
}

# Builds bench/target/waybill-bench.jar if it is missing or older than its sources.
ensure_jar() {
  if [ ! -f "$JAR" ] || [ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -type f 2>/dev/null | head -n1)" ]; then
    say "Building the load generator (./mvnw -f bench/pom.xml package)"
    (cd "$ROOT" && { ./mvnw -B -q -o -f bench/pom.xml package || ./mvnw -B -q -f bench/pom.xml package; }) >&2
  fi
}

pid_on_port() {
  ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2
}

# GROUP_ARGS: one --group per stack component (the process listening on its port, and its children).
stack_groups() {
  GROUP_ARGS=()
  local PG_STACK_BACKENDS='^postgres: [^:]+: (((waybill_(order|label|tracking|returns|gateway|fulfillment)) \3 )|checkpointer|background writer|walwriter)'
  local -A PORTS=([gateway]=$GATEWAY_PORT [order-service]=${ORDER_SERVICE_PORT:-8081}
    [label-service]=${LABEL_SERVICE_PORT:-8082} [tracking-service]=${TRACKING_SERVICE_PORT:-8083}
    [returns-service]=${RETURNS_SERVICE_PORT:-8084} [fulfillment-service]=${FULFILLMENT_SERVICE_PORT:-8085} [keycloak]=${WAYBILL_KEYCLOAK_PORT:-8180}
    [kafka]=${WAYBILL_KAFKA_PORT:-9092} [postgres]=${WAYBILL_PG_PORT:-5432})
  local g pid
  for g in gateway order-service label-service tracking-service returns-service fulfillment-service keycloak kafka postgres; do
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
}

# "<database> <xact_commit>" per database of the stack (nothing when psql cannot reach the server: then the
# report has no commit figures). pg_stat_database counts every committed transaction of the database.
pg_commits() {
  PGCONNECT_TIMEOUT=3 psql -h "${BENCH_PG_HOST:-127.0.0.1}" -p "${WAYBILL_PG_PORT:-5432}" -U "${BENCH_PG_USER:-postgres}" \
    -d postgres -At -F' ' -c "SELECT datname, xact_commit FROM pg_stat_database
      WHERE datname IN ('waybill_order','waybill_label','waybill_tracking','waybill_returns','waybill_gateway','waybill_fulfillment')
      ORDER BY datname" 2>/dev/null || true
}

# Appends commits.<database>=<commits since $2> to the step file $1 ($2 = pg_commits output before the step).
append_commits() {
  local file="$1" before="$2" db after n
  while read -r db after; do
    [ -n "$db" ] || continue
    n="$(awk -v d="$db" '$1 == d {print $2}' <<<"$before")"
    [ -n "$n" ] && echo "commits.$db=$((after - n))" >>"$file"
  done < <(pg_commits)
}

# One line each about the machine, the JVMs and the code, for the reports.
describe_machine() {
  echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')), $(free -g 2>/dev/null | awk '/^Mem:/{print $2 " GiB"}') memory, $(uname -sr)"
}
describe_code() {
  local dirty
  dirty="$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -vc ' bench/' || true)"
  echo "$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) ($dirty changed files outside bench/ in the working tree; the running services are whatever up.sh last built)"
}
