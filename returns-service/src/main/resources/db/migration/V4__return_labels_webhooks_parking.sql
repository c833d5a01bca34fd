-- What a return label needs of the outbound shipment (from ShipmentValidated): the customer's address
-- (the return's sender), the merchant's (fallback recipient), the parcels (weights, dimensions, item
-- descriptions) and the outbound carrier (the default return carrier). Null for rows recorded before V4.
ALTER TABLE shipped_shipment
    ADD COLUMN order_reference TEXT,
    ADD COLUMN sender          JSONB,
    ADD COLUMN recipient       JSONB,
    ADD COLUMN parcels         JSONB,
    ADD COLUMN carrier         TEXT,
    ADD COLUMN service         TEXT,
    ADD COLUMN label_format    TEXT;

-- Outbound tracking numbers (from LabelGenerated without returnId): how a carrier's return webhook,
-- which names the outbound parcel, finds the shipment and its tenant.
CREATE TABLE outbound_tracking_number (
    tracking_number TEXT        NOT NULL,
    carrier         TEXT        NOT NULL,
    shipment_id     TEXT        NOT NULL,
    tenant_id       TEXT        NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (carrier, tracking_number)
);

-- The return label in the view.
ALTER TABLE return_view
    ADD COLUMN return_carrier TEXT,
    ADD COLUMN return_label   JSONB;

CREATE INDEX return_view_by_return_tracking_number ON return_view (return_tracking_number)
    WHERE return_tracking_number IS NOT NULL;

-- Carrier reports of a return that cannot be applied yet: a RETURNING/RETURNED status or a return
-- webhook for a shipment whose ShipmentValidated (or, for a webhook, whose outbound label) has not
-- arrived. Applied, in arrival order, and deleted when it arrives (ADR 0061).
CREATE TABLE parked_carrier_report (
    id                     BIGSERIAL   PRIMARY KEY,
    shipment_id            TEXT,
    outbound_carrier       TEXT,
    outbound_tracking      TEXT,
    tenant_id              TEXT,
    source                 TEXT        NOT NULL,
    stage                  TEXT        NOT NULL,
    reason                 TEXT        NOT NULL,
    occurred_at            TIMESTAMPTZ NOT NULL,
    return_carrier         TEXT,
    return_tracking_number TEXT,
    message_id             TEXT,
    parked_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (shipment_id IS NOT NULL OR outbound_tracking IS NOT NULL)
);

CREATE INDEX parked_carrier_report_by_shipment ON parked_carrier_report (shipment_id) WHERE shipment_id IS NOT NULL;
CREATE INDEX parked_carrier_report_by_tracking ON parked_carrier_report (outbound_carrier, outbound_tracking)
    WHERE outbound_tracking IS NOT NULL;

-- Every carrier return webhook body as received (after its signature was verified), whatever it said:
-- stored before the 202, kept for audit and replay.
CREATE TABLE carrier_return_webhook (
    id          BIGSERIAL   PRIMARY KEY,
    carrier     TEXT        NOT NULL,
    body        TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    detail      TEXT,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
