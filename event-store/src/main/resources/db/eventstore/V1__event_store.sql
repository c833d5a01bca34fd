-- Event store, outbox checkpoints and consumer inbox (event-store library, ADR 0001/0002).
-- Services add this location to Flyway and number their own migrations from V2.

CREATE TABLE es_events (
    global_position BIGSERIAL   NOT NULL,
    -- The writing transaction: a sequence value can commit after a higher one, so readers only
    -- read below the oldest transaction still in flight (see OutboxRelay).
    transaction_id  XID8        NOT NULL DEFAULT pg_current_xact_id(),
    event_id        UUID        NOT NULL,
    stream_id       TEXT        NOT NULL,
    stream_type     TEXT        NOT NULL,
    version         BIGINT      NOT NULL CHECK (version > 0),
    event_type      TEXT        NOT NULL,
    data            JSONB       NOT NULL,
    metadata        JSONB       NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Optimistic concurrency: two writers at one expected version cannot both insert version n+1.
    CONSTRAINT es_events_pk PRIMARY KEY (stream_id, version),
    CONSTRAINT es_events_event_id UNIQUE (event_id),
    CONSTRAINT es_events_global UNIQUE (global_position)
);

CREATE INDEX es_events_by_transaction ON es_events (transaction_id, global_position);

-- History is append-only.
CREATE FUNCTION es_events_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'es_events is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER es_events_append_only
    BEFORE UPDATE OR DELETE ON es_events
    FOR EACH ROW EXECUTE FUNCTION es_events_refuse_change();

CREATE TRIGGER es_events_no_truncate
    BEFORE TRUNCATE ON es_events
    FOR EACH STATEMENT EXECUTE FUNCTION es_events_refuse_change();

-- Where each relay (or other log subscriber) has got to.
CREATE TABLE es_checkpoints (
    name            TEXT        PRIMARY KEY,
    transaction_id  XID8        NOT NULL,
    global_position BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Messages a consumer has already applied: redelivery is skipped (idempotent consumer).
CREATE TABLE es_inbox (
    consumer     TEXT        NOT NULL,
    message_id   TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);
