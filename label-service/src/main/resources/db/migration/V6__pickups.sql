-- Pickups booked with carriers: the carrier's confirmation, per tenant.
CREATE TABLE pickups (
    id                  UUID        PRIMARY KEY,
    tenant_id           TEXT        NOT NULL,
    carrier             TEXT        NOT NULL,
    confirmation_number TEXT        NOT NULL,
    pickup_date         DATE        NOT NULL,
    ready_from          TIME        NOT NULL,
    ready_until         TIME        NOT NULL,
    address             JSONB       NOT NULL,
    shipment_ids        TEXT[]      NOT NULL,
    tracking_numbers    TEXT[]      NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX pickups_tenant ON pickups (tenant_id, created_at);
