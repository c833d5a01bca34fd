package io.waybill.fulfillment.ordering;

import io.waybill.contracts.ParcelLabel;
import io.waybill.fulfillment.partners.spi.PartnerOrder;
import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import java.time.OffsetDateTime;
import java.util.List;

/** The FulfillmentOrder aggregate's private history, one stream per shipment. Public events are mapped from these. */
public sealed interface FulfillmentOrderEvent {

    String shipmentId();

    /** A validated shipment is to be fulfilled by {@code partner}; it is queued for sending. */
    record OrderReceived(String shipmentId, String tenantId, String partner, PartnerOrder order, OffsetDateTime at)
            implements FulfillmentOrderEvent {
    }

    /** The partner took the order under {@code partnerReference}. */
    record OrderSent(String shipmentId, String partnerReference, OffsetDateTime at) implements FulfillmentOrderEvent {
    }

    /** A send failed and will be tried again (the partner was down); kept for the history. */
    record SendAttemptFailed(String shipmentId, int attempt, String code, String reason, OffsetDateTime at)
            implements FulfillmentOrderEvent {
    }

    /** The partner will not fulfil the order: refused, cancelled by the warehouse or out of stock. Final. */
    record OrderFailed(String shipmentId, String reasonCode, String reason, OffsetDateTime at) implements FulfillmentOrderEvent {
    }

    /** The warehouse reached a step (picked, packed...) before shipping. */
    record WarehouseStepReached(String shipmentId, Step step, String partnerCode, String description, String source,
            OffsetDateTime occurredAt) implements FulfillmentOrderEvent {
    }

    /** The warehouse shipped the goods with {@code carrier} under {@code trackingNumber}. */
    record OrderShipped(String shipmentId, String carrier, String service, String trackingNumber, List<ParcelLabel> parcels,
            String source, OffsetDateTime occurredAt) implements FulfillmentOrderEvent {

        public OrderShipped {
            parcels = List.copyOf(parcels);
        }
    }

    /** The merchant cancelled (ShipmentCancelled) and the partner confirmed, or the order had not been sent yet. */
    record OrderCancelled(String shipmentId, String reason, OffsetDateTime at) implements FulfillmentOrderEvent {
    }

    /** The merchant cancelled an order the partner has: the partner is to be told (queued, retried while it is down). */
    record CancellationRequested(String shipmentId, String reason, OffsetDateTime at) implements FulfillmentOrderEvent {
    }

    /** Telling the partner of the cancellation failed and will be tried again; kept for the history. */
    record CancelAttemptFailed(String shipmentId, int attempt, String code, String reason, OffsetDateTime at)
            implements FulfillmentOrderEvent {
    }

    /** The partner was told (e.g. a cancellation file uploaded); its confirmation is awaited. */
    record CancellationSent(String shipmentId, OffsetDateTime at) implements FulfillmentOrderEvent {
    }

    /** The partner refused the cancellation, or offers none: the order goes on as it is. */
    record CancellationRefused(String shipmentId, String code, String reason, OffsetDateTime at) implements FulfillmentOrderEvent {
    }

    /** The warehouse had already shipped the goods when the merchant's cancellation reached it. */
    record CancellationTooLate(String shipmentId, String reason, OffsetDateTime at) implements FulfillmentOrderEvent {
    }
}
