package io.waybill.contracts;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Goods of a shipment are coming back.
 *
 * <p>{@code source} says who told us: CARRIER (a return shipment the carrier reported), API (the
 * merchant registered it) or STATUS (derived from a RETURNING/RETURNED tracking status).
 * {@code returnTrackingNumber} is null when the goods come back on the original label.
 */
public record ReturnRegistered(
        String returnId,
        String shipmentId,
        String tenantId,
        String source,
        String reason,
        List<ReturnItem> items,
        String returnTrackingNumber,
        OffsetDateTime registeredAt) implements PublicEvent {

    public ReturnRegistered {
        items = Immutable.copy(items);
    }
}
