-- Carrier accounts of tenants (ADR 0052). Credentials are sealed with AES-GCM (key_id names the key,
-- nonce is per sealing); public_settings keeps only the settings that are not secret, for display.
-- A plain table, not an event stream: secrets must be deletable, and events are forever.
CREATE TABLE carrier_accounts (
    id              UUID        PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    carrier         TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'SYNCING', 'SYNCED', 'FAILED')),
    status_reason   TEXT,
    public_settings JSONB       NOT NULL,
    secret_names    TEXT[]      NOT NULL,
    key_id          TEXT        NOT NULL,
    nonce           BYTEA       NOT NULL,
    sealed_settings BYTEA       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    status_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX carrier_accounts_tenant ON carrier_accounts (tenant_id, carrier);
CREATE INDEX carrier_accounts_to_check ON carrier_accounts (status_at) WHERE status IN ('PENDING', 'SYNCING');
