-- Shipments routed to a fulfillment partner show the steps its warehouse reported, and whether the
-- warehouse shipped one that had been cancelled (ADR 0094). Derived from the events like every column.
ALTER TABLE shipment_view
    ADD COLUMN warehouse_steps            JSONB   NOT NULL DEFAULT '[]',
    ADD COLUMN shipped_after_cancellation BOOLEAN NOT NULL DEFAULT false;
