package io.waybill.fulfillment.ordering;

import io.waybill.fulfillment.partners.spi.PartnerOrder;
import java.util.Set;

/** A fulfillment order as folded from its events. */
public record FulfillmentOrder(String shipmentId, String tenantId, String partner, PartnerOrder order, Status status,
        String partnerReference, int failedAttempts, Set<String> stepsReached, String trackingNumber) {

    public static final FulfillmentOrder NONE = new FulfillmentOrder(null, null, null, null, Status.NONE, null, 0, Set.of(), null);

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
}
