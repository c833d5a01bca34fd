-- Webhooks read by a carrier plug-in keep, per event, the normalized update next to the raw body,
-- so an orphan can be applied later without the request's headers (its signature was checked on arrival).
ALTER TABLE webhook_receipts ADD COLUMN update_json TEXT;

-- When each tracking is polled next. NULL next_poll_at: polling has stopped (final status confirmed).
-- A tick reads only due rows through the partial index, so its cost grows with the due count.
CREATE TABLE poll_schedule (
    carrier         TEXT        NOT NULL,
    tracking_number TEXT        NOT NULL,
    next_poll_at    TIMESTAMPTZ,
    attempts        INT         NOT NULL DEFAULT 0,
    last_status     TEXT,
    final_seen      BOOLEAN     NOT NULL DEFAULT false,
    last_polled_at  TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (carrier, tracking_number)
);
CREATE INDEX poll_schedule_due ON poll_schedule (next_poll_at) WHERE next_poll_at IS NOT NULL;
