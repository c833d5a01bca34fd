-- Label files per shipment and parcel (parcel 0 = the whole shipment: merged PDF, concatenated ZPL).
CREATE TABLE label_documents (
    shipment_id   TEXT        NOT NULL,
    tenant_id     TEXT        NOT NULL,
    format        TEXT        NOT NULL CHECK (format IN ('PDF', 'ZPL')),
    parcel_number INT         NOT NULL CHECK (parcel_number >= 0),
    content       BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (shipment_id, format, parcel_number)
);
