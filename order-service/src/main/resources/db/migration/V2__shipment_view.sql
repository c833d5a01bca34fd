-- The ERP's shipment view: a projection of the Shipment streams, rebuildable from es_events.
CREATE TABLE shipment_view (
    shipment_id        TEXT        PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    order_reference    TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    carrier            TEXT,
    service            TEXT,
    label_format       TEXT,
    tracking_number    TEXT,
    tracking_status    TEXT,
    tracking_status_at TIMESTAMPTZ,
    details            JSONB       NOT NULL,
    version            BIGINT      NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX shipment_view_by_tenant ON shipment_view (tenant_id, created_at DESC);

-- Idempotency-Key of POST /api/v1/shipments: the same key and body give the same shipment.
CREATE TABLE idempotency_keys (
    tenant_id       TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    shipment_id     TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, idempotency_key)
);
