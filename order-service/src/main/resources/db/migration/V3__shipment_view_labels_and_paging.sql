-- The view carries per-parcel tracking numbers, label formats, the last label failure and the
-- time of the newest event; created_at/updated_at now come from event times, so a rebuild from
-- the log gives the same rows.
ALTER TABLE shipment_view
    ADD COLUMN parcel_labels JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN label_formats JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN label_failure JSONB,
    ADD COLUMN last_event_at TIMESTAMPTZ;

DROP INDEX shipment_view_by_tenant;
CREATE INDEX shipment_view_by_tenant ON shipment_view (tenant_id, created_at DESC, shipment_id DESC);
CREATE INDEX shipment_view_by_reference ON shipment_view (tenant_id, order_reference);
