#!/usr/bin/env bash
# What one polling tick costs in PostgreSQL over a large schedule, against how many trackings are due.
#   bench/poll-tick.sh [trackings] [due counts...]      (defaults: 1000000  0 100 1000 10000 100000)
# Builds a throw-away database from tracking-service's own Flyway migrations (event store + tracking
# schema, applied with psql in version order), fills poll_schedule with `trackings` rows due in the future,
# then for each due count makes that many rows due and times the scheduler's claim statement — read from
# PollScheduler.claim() itself, LIMIT waybill.polling.batch-size (500) — five times (each run rolled back, so
# every run sees the same due rows). Only the claim is database work per tick; the carrier calls that follow
# scale with the batch, not with the schedule. Needs psql and PostgreSQL (BENCH_PG_HOST, BENCH_PG_PORT,
# BENCH_PG_USER; default 127.0.0.1:5432 postgres, trust authentication). See bench/README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TRACKINGS="${1:-1000000}"
shift || true
DUE_COUNTS=("$@")
[ ${#DUE_COUNTS[@]} -gt 0 ] || DUE_COUNTS=(0 100 1000 10000 100000)
BATCH="${BENCH_POLL_BATCH:-500}"
DB="waybill_bench_poll_$$"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "${BENCH_PG_HOST:-127.0.0.1}" -p "${BENCH_PG_PORT:-5432}" -U "${BENCH_PG_USER:-postgres}")

# The claim statement as the scheduler sends it: its text block in PollScheduler.claim(), parameters bound
# (lease 5 min, no paused carrier, the batch), so the benchmark cannot drift from the code.
CLAIM=$(awk '/private List<Due> claim\(Connection c\)/{f=1} f&&/"""\)\)/{exit} f&&p{print} f&&/prepareStatement\("""/{p=1}' \
  "$ROOT/tracking-service/src/main/java/io/waybill/tracking/polling/PollScheduler.java")
CLAIM=$(printf '%s\n' "$CLAIM" | sed "0,/?/s//300000/; 0,/?/s//'{}'::text[]/; 0,/?/s//$BATCH/")
case "$CLAIM" in
  *"FOR UPDATE SKIP LOCKED"*) ;;
  *) echo "PollScheduler.claim()'s statement was not found; update bench/poll-tick.sh" >&2; exit 1 ;;
esac

"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"
trap '"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null' EXIT

# The schema exactly as the service migrates it (quarkus.flyway.locations: db/eventstore, then db/migration).
for migration in "$ROOT"/event-store/src/main/resources/db/eventstore/V*.sql \
                 $(ls "$ROOT"/tracking-service/src/main/resources/db/migration/V*.sql | sort -V); do
  "${PSQL[@]}" -d "$DB" -f "$migration" >/dev/null
done

echo "filling poll_schedule with $TRACKINGS trackings (none due yet) ..." >&2
start=$(date +%s.%N)
"${PSQL[@]}" -d "$DB" <<SQL
INSERT INTO poll_schedule (carrier, tracking_number, next_poll_at, last_status)
SELECT (ARRAY['sandbox','koiki','coordinadora'])[1 + i % 3], 'BENCH' || lpad(i::text, 10, '0'),
       now() + interval '1 hour' + (i % 21600) * interval '1 second', 'IN_TRANSIT'
  FROM generate_series(1, $TRACKINGS) AS i;
VACUUM ANALYZE poll_schedule;
SQL
fill=$(echo "$(date +%s.%N) - $start" | bc)

printf '\n| trackings | due | claimed per tick | claim p50 ms | claim max ms | plan |\n|---:|---:|---:|---:|---:|---|\n'
for due in "${DUE_COUNTS[@]}"; do
  # Exactly `due` rows are due now, spread over the past hour like a backlog.
  "${PSQL[@]}" -d "$DB" -c "UPDATE poll_schedule SET next_poll_at = now() + interval '1 hour' WHERE next_poll_at <= now()" \
    -c "UPDATE poll_schedule SET next_poll_at = now() - (random() * interval '1 hour')
          WHERE tracking_number IN (SELECT tracking_number FROM poll_schedule ORDER BY tracking_number LIMIT $due)" \
    -c "ANALYZE poll_schedule" >/dev/null
  times=() claimed=0 plan=""
  for run in 1 2 3 4 5; do
    out=$("${PSQL[@]}" -d "$DB" -At <<SQL
BEGIN;
EXPLAIN (ANALYZE, FORMAT JSON)
$CLAIM;
ROLLBACK;
SQL
)
    times+=("$(echo "$out" | grep -o '"Execution Time": [0-9.]*' | grep -o '[0-9.]*$')")
    claimed=$(echo "$out" | grep -o '"Actual Rows": [0-9]*' | head -1 | grep -o '[0-9]*$')
    plan=$(echo "$out" | grep -o '"Index Name": "[a-z_]*"' | sort -u | sed 's/"Index Name": //; s/"//g' | paste -sd, -)
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  p50=$(echo "$sorted" | sed -n 3p) max=$(echo "$sorted" | tail -1)
  printf '| %s | %s | %s | %s | %s | %s |\n' "$TRACKINGS" "$due" "$claimed" "$p50" "$max" "${plan:-seq scan}"
done
printf '\nfill: %s rows in %.1f s. Claim = the statement of PollScheduler.claim() (LIMIT %s), 5 runs each, rolled back.\n' \
  "$TRACKINGS" "$fill" "$BATCH"
