-- Open label purchases (ADR 0050): one row per label stream (a shipment's label or a return label)
-- whose LabelPurchaseRequested has no outcome
-- yet. It is the persistent retry schedule (next_attempt_at), the claim that keeps two workers from
-- calling the carrier for one shipment at once (claimed_until), and the marker of a carrier call whose
-- outcome was never recorded (call_started_at set at claim time, cleared when the outcome is).
CREATE TABLE label_purchases (
    stream_id       TEXT        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    carrier         TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_until   TIMESTAMPTZ,
    call_started_at TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX label_purchases_due ON label_purchases (next_attempt_at);
