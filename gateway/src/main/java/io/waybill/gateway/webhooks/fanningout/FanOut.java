package io.waybill.gateway.webhooks.fanningout;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.eventstore.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * One pending delivery per subscription of the event's tenant and type, in one statement. The unique
 * (subscription, event id) makes a re-read event (Kafka is at-least-once) a no-op.
 */
@ApplicationScoped
public class FanOut {

    private final Inbox inbox;

    public FanOut(Inbox inbox) {
        this.inbox = inbox;
    }

    /**
     * Number of deliveries created. Waits out an unreachable database (the inbox's patience); other database
     * trouble is retried before the consumer gives up on the record.
     */
    @Retry(maxRetries = 10, delay = 200)
    @ExponentialBackoff(maxDelay = 10_000)
    int store(IncomingEvent event) {
        return inbox.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, ordering_key, event_time,
                                                  payload, status, created_at, next_attempt_at)
                    SELECT gen_random_uuid(), s.id, ?, ?, ?, ?, ?, 'PENDING', now(), now()
                      FROM webhook_subscription s
                     WHERE s.tenant = ? AND ? = ANY (s.event_types)
                    ON CONFLICT (subscription_id, event_id) DO NOTHING""")) {
                insert.setString(1, event.id());
                insert.setString(2, event.type());
                insert.setString(3, event.shipmentId());
                insert.setObject(4, event.time());
                insert.setBytes(5, event.payload());
                insert.setString(6, event.tenant());
                insert.setString(7, event.type());
                return insert.executeUpdate();
            }
        });
    }
}
