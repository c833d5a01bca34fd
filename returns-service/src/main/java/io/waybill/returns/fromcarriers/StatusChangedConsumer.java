package io.waybill.returns.fromcarriers;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.returns.returning.ReturnCommand.OpenReturn;
import io.waybill.returns.returning.ReturnCommands;
import io.waybill.returns.returning.ReturnRuleViolated;
import io.waybill.returns.returning.ReturnSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Opens a return when tracking-service reports that a shipment's goods are coming back (RETURNING or
 * RETURNED); every other status is ignored. Each message is applied once (inbox, in the same
 * transaction as the return's events and view), retried with back-off on transient errors, and
 * parked in {@code waybill.status-changed.dlq} when it can never be applied.
 */
@ApplicationScoped
public class StatusChangedConsumer {

    private static final Logger LOG = Logger.getLogger(StatusChangedConsumer.class);
    static final String CONSUMER = "returns-service";
    static final Set<TrackingStatus> OPENS_A_RETURN = EnumSet.of(TrackingStatus.RETURNING, TrackingStatus.RETURNED);

    private final Inbox inbox;
    private final ReturnCommands commands;

    public StatusChangedConsumer(Inbox inbox, ReturnCommands commands) {
        this.inbox = inbox;
        this.commands = commands;
    }

    @Incoming("status-changed")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onStatusChanged(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, StatusChanged.class);
        StatusChanged e = received.event();
        if (!OPENS_A_RETURN.contains(e.status())) {
            return;
        }
        if (blank(e.shipmentId()) || blank(e.tenantId())) {
            throw new PoisonMessage("status-changed " + received.id() + " names no shipment or tenant", null);
        }
        if (received.tenant() != null && !received.tenant().equals(e.tenantId())) {
            throw new PoisonMessage("status-changed " + received.id() + " is for tenant " + e.tenantId()
                    + " but its CloudEvent says " + received.tenant(), null);
        }
        // The goods come back on the original label (no return tracking number), and a status says
        // nothing about which items: they are registered later through the API/ERP.
        OpenReturn open = OpenReturn.reportedByCarrier(e.shipmentId(), e.tenantId(), ReturnSource.STATUS, reason(e),
                List.of(), null, e.occurredAt() != null ? e.occurredAt() : e.recordedAt());
        inbox.processOnce(CONSUMER, received.id(), c -> {
            try {
                var decision = commands.handle(c, open.returnId(), open,
                        EventMetadata.of(e.tenantId(), e.shipmentId(), received.id()));
                if (decision.events().isEmpty()) {
                    LOG.debugf("Shipment %s already has return %s", e.shipmentId(), open.returnId());
                }
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
