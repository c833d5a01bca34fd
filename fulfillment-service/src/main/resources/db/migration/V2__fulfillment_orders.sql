-- fulfillment-service's own tables (the event store's come from the event-store library's V1).

-- The orders as folded from their streams, and the send queue: PENDING rows are sent when
-- next_attempt_at has passed (persistent retry while the partner is down).
CREATE TABLE fulfillment_orders (
    shipment_id       TEXT        PRIMARY KEY,
    tenant_id         TEXT        NOT NULL,
    partner           TEXT        NOT NULL,
    warehouse         TEXT,
    order_reference   TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    partner_reference TEXT,
    tracking_number   TEXT,
    attempts          INT         NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ,
    last_error        TEXT,
    version           BIGINT      NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX fulfillment_orders_due ON fulfillment_orders (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX fulfillment_orders_open ON fulfillment_orders (tenant_id, partner) WHERE status IN ('SENT', 'IN_PROGRESS');

-- Every call and file exchanged with a partner, by shipment (null when a file names none we know).
CREATE TABLE fulfillment_exchanges (
    id          BIGSERIAL   PRIMARY KEY,
    shipment_id TEXT,
    tenant_id   TEXT        NOT NULL,
    partner     TEXT        NOT NULL,
    direction   TEXT        NOT NULL CHECK (direction IN ('OUT', 'IN')),
    kind        TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX fulfillment_exchanges_by_shipment ON fulfillment_exchanges (shipment_id, id);
