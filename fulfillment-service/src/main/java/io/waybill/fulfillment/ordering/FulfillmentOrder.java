package io.waybill.fulfillment.ordering;

import io.waybill.fulfillment.partners.spi.PartnerOrder;
import java.util.Set;

/**
 * A fulfillment order as folded from its events. {@code cancellation}: where the merchant's cancellation of
 * an order the partner has stands ({@code cancelAttempts} failed tries to tell the partner so far).
 */
public record FulfillmentOrder(String shipmentId, String tenantId, String partner, PartnerOrder order, Status status,
        String partnerReference, int failedAttempts, Set<String> stepsReached, String trackingNumber,
        Cancellation cancellation, String cancelReason, int cancelAttempts) {

    public static final FulfillmentOrder NONE = new FulfillmentOrder(null, null, null, null, Status.NONE, null, 0, Set.of(), null,
            Cancellation.NONE, null, 0);

    public FulfillmentOrder {
        stepsReached = Set.copyOf(stepsReached);
    }

    public enum Status {
        /** No such order. */
        NONE,
        /** Received, waiting to be sent (or to be sent again: the partner was down). */
        PENDING,
        /** The partner has it. */
        SENT,
        /** The warehouse is working on it. */
        IN_PROGRESS,
        SHIPPED,
        CANCELLED,
        FAILED;

        public boolean isFinal() {
            return this == SHIPPED || this == CANCELLED || this == FAILED;
        }
    }

    /** The merchant's cancellation of an order the partner already has. */
    public enum Cancellation {
        /** Not asked for. */
        NONE,
        /** To be told to the partner (again, with back-off, while it is down). */
        REQUESTED,
        /** Told (e.g. a cancellation file uploaded); the partner's confirmation is awaited. */
        SENT,
        /** The partner refused it or offers no cancellation; the order goes on. */
        REFUSED,
        /** The warehouse had shipped the goods: the cancellation came too late. */
        TOO_LATE;

        /** The merchant wants the order cancelled and the partner has not said it is too late. */
        public boolean wanted() {
            return this == REQUESTED || this == SENT || this == REFUSED;
        }
    }

    /** The merchant's cancellation still has to reach the partner. */
    public boolean cancellationDue() {
        return cancellation == Cancellation.REQUESTED && !status.isFinal();
    }

    FulfillmentOrder with(Status newStatus) {
        return new FulfillmentOrder(shipmentId, tenantId, partner, order, newStatus, partnerReference, failedAttempts,
                stepsReached, trackingNumber, cancellation, cancelReason, cancelAttempts);
    }

    FulfillmentOrder sending(Status newStatus, String reference, int attempts) {
        return new FulfillmentOrder(shipmentId, tenantId, partner, order, newStatus, reference, attempts, stepsReached,
                trackingNumber, cancellation, cancelReason, cancelAttempts);
    }

    FulfillmentOrder progressed(Status newStatus, Set<String> steps, String tracking) {
        return new FulfillmentOrder(shipmentId, tenantId, partner, order, newStatus, partnerReference, failedAttempts, steps,
                tracking, cancellation, cancelReason, cancelAttempts);
    }

    FulfillmentOrder cancelling(Cancellation newCancellation, String reason, int attempts) {
        return new FulfillmentOrder(shipmentId, tenantId, partner, order, status, partnerReference, failedAttempts,
                stepsReached, trackingNumber, newCancellation, reason, attempts);
    }
}
