package io.waybill.returns.fromcarriers;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.returns.gettingreturns.ReturnView;
import io.waybill.returns.gettingreturns.ReturnViews;
import io.waybill.returns.returning.CarrierReport;
import io.waybill.returns.returning.CarrierReport.Stage;
import io.waybill.returns.returning.ReturnRuleViolated;
import io.waybill.returns.returning.ReturnSource;
import io.waybill.returns.returning.ShipmentReturns;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows goods back, from two kinds of parcel:
 * <ul>
 * <li>The return parcel (a return label's tracking number, matched by number, or by {@code returnId}
 * while the LabelGenerated that names the number is still on its way): moving (picked up, in transit,
 * out for delivery) puts the return in transit; DELIVERED (to the warehouse) receives it, which
 * restocks under an AUTO_RESTOCK tenant.
 * <li>The outbound parcel: RETURNING puts the shipment's returns in transit (opening the carrier's
 * return with the shipped items if the carrier is first), RETURNED receives them. A status for a
 * shipment not known yet is parked until its ShipmentValidated arrives.
 * </ul>
 * Every other status is ignored. Each message is applied once (inbox, in the same transaction as the
 * returns' events and views), retried with back-off on transient errors, and parked in
 * {@code waybill.status-changed.dlq} when it can never be applied.
 */
@ApplicationScoped
public class StatusChangedConsumer {

    private static final Logger LOG = Logger.getLogger(StatusChangedConsumer.class);
    static final String CONSUMER = "returns-service";
    static final Set<TrackingStatus> RETURN_STATUSES = EnumSet.of(TrackingStatus.RETURNING, TrackingStatus.RETURNED);
    /** What moves a return parcel towards the warehouse. */
    static final Set<TrackingStatus> RETURN_PARCEL_MOVING = EnumSet.of(TrackingStatus.IN_TRANSIT,
            TrackingStatus.CUSTOMS, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.AVAILABLE_FOR_PICKUP, TrackingStatus.DELIVERY_FAILED);

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
        boolean outboundReturn = e.returnId() == null && RETURN_STATUSES.contains(e.status());
        boolean mayBeReturnParcel = e.returnId() != null || (!blank(e.trackingNumber())
                && (RETURN_PARCEL_MOVING.contains(e.status()) || e.status() == TrackingStatus.DELIVERED)
                && inbox.transaction(c -> ReturnViews.byReturnTrackingNumber(c, e.trackingNumber()))
                        .isPresent());
        if (!outboundReturn && !mayBeReturnParcel) {
            return; // the outbound parcel moving forward: nothing to do with returns
        }
        if (blank(e.shipmentId()) || blank(e.tenantId())) {
            throw new PoisonMessage("status-changed " + received.id() + " names no shipment or tenant", null);
        }
        if (received.tenant() != null && !received.tenant().equals(e.tenantId())) {
            throw new PoisonMessage("status-changed " + received.id() + " is for tenant " + e.tenantId()
                    + " but its CloudEvent says " + received.tenant(), null);
        }
        var at = e.occurredAt() != null ? e.occurredAt() : e.recordedAt();
        EventMetadata metadata = EventMetadata.of(e.tenantId(), e.shipmentId(), received.id());
        inbox.processOnce(CONSUMER, received.id(), c -> {
            try {
                if (outboundReturn) {
                    Stage stage = e.status() == TrackingStatus.RETURNED ? Stage.RECEIVED : Stage.IN_TRANSIT;
                    List<String> affected = returns.carrierReported(c, e.shipmentId(), e.tenantId(),
                            new CarrierReport(ReturnSource.STATUS, stage, reason(e), at, null, null), metadata);
                    LOG.debugf("%s of shipment %s applied to returns %s", e.status(), e.shipmentId(), affected);
                } else {
                    returnParcelMoved(c, e, at, metadata);
                }
            } catch (ReturnRuleViolated violation) {
                throw new PoisonMessage(violation.getMessage(), violation);
            }
            return null;
        });
    }

    private void returnParcelMoved(Connection c, StatusChanged e, java.time.OffsetDateTime at, EventMetadata metadata)
            throws SQLException {
        ShipmentReturns.lock(c, e.shipmentId());
        Optional<ReturnView> byNumber = blank(e.trackingNumber()) ? Optional.empty()
                : ReturnViews.byReturnTrackingNumber(c, e.trackingNumber());
        // The number is the reliable link; returnId (set by tracking-service) covers a StatusChanged that
        // overtook the LabelGenerated naming the number, on another topic.
        Optional<ReturnView> ret = byNumber.isPresent() ? byNumber
                : Optional.ofNullable(e.returnId()).flatMap(id -> find(c, id));
        if (ret.isEmpty() || !ret.get().tenantId().equals(e.tenantId()) || !ret.get().shipmentId().equals(e.shipmentId())) {
            // Not a return of ours (another installation on a shared broker) or not this tenant's: nothing to move.
            LOG.debugf("Ignoring %s of return parcel %s: no matching return", e.status(), e.trackingNumber());
            return;
        }
        Stage stage;
        if (e.status() == TrackingStatus.DELIVERED) {
            stage = Stage.RECEIVED;
        } else if (RETURN_PARCEL_MOVING.contains(e.status())) {
            stage = Stage.IN_TRANSIT;
        } else {
            return; // label created, exception, the return parcel itself returning...: not a move of the return
        }
        returns.move(c, ret.get().id(), e.tenantId(), stage, reason(e), at, metadata);
    }

    private static Optional<ReturnView> find(Connection c, String returnId) {
        try {
            return ReturnViews.find(c, returnId);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
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
