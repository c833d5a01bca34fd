-- Partner webhooks out (docs/adr/0031). The gateway's own tables; migrations V2..V9 belong to webhooks.

CREATE TABLE webhook_subscription (
    id                uuid        PRIMARY KEY,
    tenant            text        NOT NULL,
    url               text        NOT NULL,
    -- CloudEvents types from the public catalog (contracts' PublicEventType).
    event_types       text[]      NOT NULL,
    description       text,
    -- The signing secret, AES-GCM encrypted under waybill.webhooks.secret-encryption-key (12-byte IV, then
    -- ciphertext and tag). Encrypted, not hashed: the gateway needs the secret itself to sign every delivery.
    secret_ciphertext bytea       NOT NULL,
    created_at        timestamptz NOT NULL
);

CREATE INDEX webhook_subscription_by_tenant ON webhook_subscription (tenant, created_at);

CREATE TABLE webhook_delivery (
    id                uuid        PRIMARY KEY,
    subscription_id   uuid        NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    -- Arrival order at the gateway, the tie-breaker of the per-shipment order.
    sequence          bigserial   NOT NULL,
    event_id          text        NOT NULL,
    event_type        text        NOT NULL,
    -- The shipment (CloudEvents subject): deliveries of one subscription and key go out one at a time, in order.
    ordering_key      text        NOT NULL,
    event_time        timestamptz NOT NULL,
    -- The structured-mode JSON CloudEvent, exactly the bytes that are signed and sent.
    payload           bytea       NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'PARKED')),
    attempts          integer     NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    -- Set at the first attempt (a delivery waiting behind an earlier one of its shipment does not use up its
    -- retry window); retries stop (PARKED) once the next one would fall after it. A redelivery starts anew.
    retry_until       timestamptz,
    next_attempt_at   timestamptz NOT NULL,
    last_attempt_at   timestamptz,
    last_status_code  integer,
    last_error        text,
    delivered_at      timestamptz,
    CONSTRAINT webhook_delivery_once UNIQUE (subscription_id, event_id)
);

-- What the delivery workers look for.
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
-- The per-shipment order check ("is an earlier delivery of this key still pending?").
CREATE INDEX webhook_delivery_by_key ON webhook_delivery (subscription_id, ordering_key, event_time, sequence)
    WHERE status = 'PENDING';
-- The API's listing of one subscription's deliveries by status.
CREATE INDEX webhook_delivery_by_subscription ON webhook_delivery (subscription_id, status, sequence);
