-- Every authenticated webhook call, stored raw before it is answered (202), then applied by the
-- webhook worker. RECEIVED: waiting (or waiting for a retry at next_attempt_at); PROCESSED: applied
-- (outcome: APPLIED, DUPLICATE or ORPHAN); MALFORMED: refused with 400, kept for inspection; DEAD:
-- failed max-attempts times, reason kept, replayable by an admin.
CREATE TABLE inbound_webhooks (
    id               BIGSERIAL   PRIMARY KEY,
    carrier          TEXT        NOT NULL,
    authenticated_by TEXT        NOT NULL,
    state            TEXT        NOT NULL CHECK (state IN ('RECEIVED', 'PROCESSED', 'MALFORMED', 'DEAD')),
    raw_body         TEXT        NOT NULL,
    updates_json     TEXT,
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    outcome          TEXT,
    reason           TEXT,
    received_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at     TIMESTAMPTZ
);
-- The worker reads only what waits, so its cost follows the backlog, not the history.
CREATE INDEX inbound_webhooks_waiting ON inbound_webhooks (next_attempt_at, id) WHERE state = 'RECEIVED';
CREATE INDEX inbound_webhooks_dead ON inbound_webhooks (received_at) WHERE state IN ('DEAD', 'MALFORMED');
