-- Tracked parcels (projection of the tracking streams, rebuildable from es_events).
CREATE TABLE trackings (
    carrier         TEXT        NOT NULL,
    tracking_number TEXT        NOT NULL,
    shipment_id     TEXT        NOT NULL,
    tenant_id       TEXT        NOT NULL,
    status          TEXT,
    status_at       TIMESTAMPTZ,
    version         BIGINT      NOT NULL,
    registered_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (carrier, tracking_number)
);
CREATE INDEX trackings_by_shipment ON trackings (shipment_id);

-- Every webhook as received, kept raw for inspection and for numbers not registered yet (orphans).
CREATE TABLE webhook_receipts (
    id              BIGSERIAL   PRIMARY KEY,
    carrier         TEXT        NOT NULL,
    tracking_number TEXT,
    outcome         TEXT        NOT NULL CHECK (outcome IN ('APPLIED', 'DUPLICATE', 'ORPHAN', 'MALFORMED')),
    reason          TEXT,
    raw_body        TEXT        NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_receipts_orphans ON webhook_receipts (carrier, tracking_number) WHERE outcome = 'ORPHAN';
