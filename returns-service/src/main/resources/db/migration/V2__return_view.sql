-- The ERP's return view: a projection of the Return streams, rebuildable from es_events.
CREATE TABLE return_view (
    return_id              TEXT        PRIMARY KEY,
    tenant_id              TEXT        NOT NULL,
    shipment_id            TEXT        NOT NULL,
    status                 TEXT        NOT NULL,
    source                 TEXT        NOT NULL,
    reason                 TEXT        NOT NULL,
    items                  JSONB       NOT NULL,
    return_tracking_number TEXT,
    opened_at              TIMESTAMPTZ NOT NULL,
    version                BIGINT      NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX return_view_by_tenant ON return_view (tenant_id, created_at DESC);
CREATE INDEX return_view_by_shipment ON return_view (shipment_id);
