-- What was shipped (from waybill.shipment-validated): what returns of a shipment may claim, and where
-- its goods go back into stock. First delivery wins; a redelivery changes nothing.
CREATE TABLE shipped_shipment (
    shipment_id  TEXT        PRIMARY KEY,
    tenant_id    TEXT        NOT NULL,
    warehouse_id TEXT        NOT NULL,
    -- {"SKU": units, ...} over all parcels
    items        JSONB       NOT NULL,
    validated_at TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The lifecycle in the view. created_at is the return's opening time (an event time), so the list's
-- date filter and cursor mean the same after a rebuild from es_events.
ALTER TABLE return_view
    ADD COLUMN warehouse_id           TEXT,
    ADD COLUMN return_label_requested BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN policy                 TEXT,
    ADD COLUMN in_transit_at          TIMESTAMPTZ,
    ADD COLUMN received_at            TIMESTAMPTZ,
    ADD COLUMN inspection             JSONB       NOT NULL DEFAULT '[]',
    ADD COLUMN stock_adjustments      JSONB       NOT NULL DEFAULT '[]',
    ADD COLUMN closed_at              TIMESTAMPTZ,
    ADD COLUMN last_event_at          TIMESTAMPTZ;

UPDATE return_view SET status = 'REGISTERED' WHERE status = 'OPEN';

DROP INDEX return_view_by_tenant;
CREATE INDEX return_view_by_tenant ON return_view (tenant_id, created_at DESC, return_id DESC);
CREATE INDEX return_view_by_tenant_status ON return_view (tenant_id, status, created_at DESC, return_id DESC);

-- POST /api/v1/returns with an Idempotency-Key: (tenant, key) → request hash and the return it made.
CREATE TABLE idempotency_keys (
    tenant_id       TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    return_id       TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, idempotency_key)
);
