package io.waybill.returns.fromcarriers;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.returns.returning.ReturnRuleViolated;
import io.waybill.returns.returning.ShipmentReturns;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows a shipment's goods back: RETURNING puts its returns in transit (opening the carrier's
 * return with the shipped items if the carrier is first), RETURNED marks them received, which
 * restocks under an AUTO_RESTOCK tenant. Every other status is ignored. Each message is applied
 * once (inbox, in the same transaction as the returns' events and views), retried with back-off on
 * transient errors, and parked in {@code waybill.status-changed.dlq} when it can never be applied.
 */
@ApplicationScoped
public class StatusChangedConsumer {

    private static final Logger LOG = Logger.getLogger(StatusChangedConsumer.class);
    static final String CONSUMER = "returns-service";
    static final Set<TrackingStatus> RETURN_STATUSES = EnumSet.of(TrackingStatus.RETURNING, TrackingStatus.RETURNED);

    private final Inbox inbox;
    private final ShipmentReturns returns;

    public StatusChangedConsumer(Inbox inbox, ShipmentReturns returns) {
        this.inbox = inbox;
        this.returns = returns;
    }

    @Incoming("status-changed")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onStatusChanged(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, StatusChanged.class);
        StatusChanged e = received.event();
        if (!RETURN_STATUSES.contains(e.status())) {
            return;
        }
        if (blank(e.shipmentId()) || blank(e.tenantId())) {
            throw new PoisonMessage("status-changed " + received.id() + " names no shipment or tenant", null);
        }
        if (received.tenant() != null && !received.tenant().equals(e.tenantId())) {
            throw new PoisonMessage("status-changed " + received.id() + " is for tenant " + e.tenantId()
                    + " but its CloudEvent says " + received.tenant(), null);
        }
        var at = e.occurredAt() != null ? e.occurredAt() : e.recordedAt();
        inbox.processOnce(CONSUMER, received.id(), c -> {
            try {
                List<String> affected = returns.carrierReported(c, e.shipmentId(), e.tenantId(),
                        e.status() == TrackingStatus.RETURNED, reason(e), at,
                        EventMetadata.of(e.tenantId(), e.shipmentId(), received.id()));
                LOG.debugf("%s of shipment %s applied to returns %s", e.status(), e.shipmentId(), affected);
            } catch (ReturnRuleViolated violation) {
                throw new PoisonMessage(violation.getMessage(), violation);
            }
            return null;
        });
    }

    /** The carrier's own words; the contract allows an empty description, a return needs a reason. */
    static String reason(StatusChanged e) {
        if (!blank(e.description())) {
            return e.description().strip();
        }
        return "Carrier status " + e.status() + (blank(e.carrierCode()) ? "" : " (" + e.carrierCode() + ")");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
