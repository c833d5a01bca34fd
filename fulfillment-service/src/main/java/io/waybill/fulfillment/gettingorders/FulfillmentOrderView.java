package io.waybill.fulfillment.gettingorders;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A fulfillment order as the ERP sees it: partner, state, and every step and exchange with the partner.
 * {@code cancellation}: NONE, REQUESTED (to be told to the partner; {@code cancelAttempts} failed tries),
 * SENT (told, awaiting its confirmation), REFUSED or TOO_LATE (the warehouse had shipped).
 */
public record FulfillmentOrderView(String shipmentId, String tenantId, String partner, String warehouse, String orderReference,
        String status, String partnerReference, String trackingNumber, int failedAttempts, OffsetDateTime nextAttemptAt,
        String lastError, String cancellation, int cancelAttempts, long version, List<HistoryEntry> history, List<ExchangeEntry> exchanges) {

    /** One recorded event of the order. */
    public record HistoryEntry(long version, String type, OffsetDateTime at) {
    }

    /** One call or file exchanged with the partner about this shipment. */
    public record ExchangeEntry(String direction, String kind, String name, String outcome, OffsetDateTime at) {
    }
}
