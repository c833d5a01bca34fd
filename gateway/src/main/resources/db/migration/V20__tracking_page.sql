-- The public tracking page's projection (io.waybill.gateway.track, ADR 0070), fed only by public
-- events from Kafka. Rebuildable: drop the rows and the page's es_inbox entries, replay the topics.

-- One row per validated shipment: what proves a visitor may see it.
CREATE TABLE track_shipments (
    shipment_id     TEXT        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    -- For operators matching a support request to an order; never rendered on the page.
    order_reference TEXT,
    -- Upper case without spaces or hyphens (PostalCodes.normalize), compared as such.
    postal_code     TEXT        NOT NULL,
    country         TEXT        NOT NULL,
    validated_at    TIMESTAMPTZ NOT NULL
);

-- Every tracking number a label brought: the master number, each parcel's, return labels' too.
CREATE TABLE track_numbers (
    number_key      TEXT        NOT NULL,  -- upper case, no spaces: what a visitor's input is matched on
    tracking_number TEXT        NOT NULL,  -- as the carrier wrote it
    shipment_id     TEXT        NOT NULL,
    tenant_id       TEXT        NOT NULL,
    carrier         TEXT        NOT NULL,
    return_id       TEXT,
    labelled_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (number_key, shipment_id)
);

-- The status timeline of each number, one row per StatusChanged event (its CloudEvents id).
-- Times keep the carrier's offset: the instant and the offset in seconds.
CREATE TABLE track_statuses (
    event_id                   TEXT        PRIMARY KEY,
    number_key                 TEXT        NOT NULL,
    shipment_id                TEXT        NOT NULL,
    tenant_id                  TEXT        NOT NULL,
    status                     TEXT        NOT NULL,
    description                TEXT,
    location                   TEXT,
    occurred_at                TIMESTAMPTZ NOT NULL,
    occurred_offset            INTEGER     NOT NULL,
    recorded_at                TIMESTAMPTZ NOT NULL,
    estimated_delivery         TIMESTAMPTZ,
    estimated_delivery_offset  INTEGER
);

CREATE INDEX track_statuses_timeline ON track_statuses (number_key, shipment_id, occurred_at DESC);
