-- Return labels (ADR 0051) are stored beside the shipment's own label: return_id is '' for the
-- shipment's label and the return's id for a return label.
ALTER TABLE label_documents ADD COLUMN return_id TEXT NOT NULL DEFAULT '';
ALTER TABLE label_documents DROP CONSTRAINT label_documents_pkey;
ALTER TABLE label_documents ADD PRIMARY KEY (shipment_id, return_id, format, parcel_number);
CREATE INDEX label_documents_return ON label_documents (return_id) WHERE return_id <> '';
