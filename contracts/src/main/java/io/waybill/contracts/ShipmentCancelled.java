package io.waybill.contracts;

import java.time.OffsetDateTime;

/**
 * The merchant cancelled the shipment; a label bought for it is voided with the carrier.
 *
 * <p>{@code orderReference} is echoed so an ERP can match the cancellation to its order without a
 * lookup; {@code reason} is for people (e.g. who cancelled).
 */
public record ShipmentCancelled(
        String shipmentId,
        String tenantId,
        String orderReference,
        String reason,
        OffsetDateTime cancelledAt) implements PublicEvent {
}
