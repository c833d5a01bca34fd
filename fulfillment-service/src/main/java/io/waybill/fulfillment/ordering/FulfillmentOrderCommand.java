package io.waybill.fulfillment.ordering;

import io.waybill.fulfillment.partners.spi.PartnerOrder;
import io.waybill.fulfillment.partners.spi.PartnerUpdate;
import java.time.OffsetDateTime;

/** What can be asked of a fulfillment order. */
public sealed interface FulfillmentOrderCommand {

    record ReceiveOrder(String tenantId, String partner, PartnerOrder order, OffsetDateTime at) implements FulfillmentOrderCommand {
    }

    record RecordSent(String partnerReference, OffsetDateTime at) implements FulfillmentOrderCommand {
    }

    /** A send failed; {@code retryable=false} makes the order fail for good. */
    record RecordSendFailure(String code, String reason, boolean retryable, OffsetDateTime at) implements FulfillmentOrderCommand {
    }

    record ApplyUpdate(PartnerUpdate update, OffsetDateTime at) implements FulfillmentOrderCommand {
    }

    /** The merchant cancelled (ShipmentCancelled). */
    record Cancel(String reason, OffsetDateTime at) implements FulfillmentOrderCommand {
    }

    /**
     * The partner was told of the cancellation; {@code confirmed}: it cancelled the order there and then
     * (else its confirmation comes back later, e.g. as a CANCELLED file).
     */
    record RecordCancelSent(boolean confirmed, OffsetDateTime at) implements FulfillmentOrderCommand {
    }

    /** Telling the partner failed; {@code retryable=false}: it refused, or offers no cancellation. */
    record RecordCancelFailure(String code, String reason, boolean retryable, OffsetDateTime at) implements FulfillmentOrderCommand {
    }
}
