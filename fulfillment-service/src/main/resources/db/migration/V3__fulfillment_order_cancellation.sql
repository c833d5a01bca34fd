-- A merchant's cancellation of an order the partner has is queued like a send (ADR 0094): a row is due
-- whenever next_attempt_at has passed, whether it waits to be sent (PENDING) or its cancellation to be told.
ALTER TABLE fulfillment_orders
    ADD COLUMN cancellation    TEXT NOT NULL DEFAULT 'NONE',
    ADD COLUMN cancel_attempts INT  NOT NULL DEFAULT 0;

DROP INDEX fulfillment_orders_due;
CREATE INDEX fulfillment_orders_due ON fulfillment_orders (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
