package io.waybill.returns.returning;

import io.waybill.contracts.ReturnItem;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A return as folded from its events. {@code restocked} lists the stock adjustments already
 * decided: non-empty (or {@code stockAdjusted}) means the decider will never adjust stock again.
 * {@code returnCarrier} and {@code returnTrackingNumber} name the return parcel when it has its own
 * label (from label-service or the carrier's return webhook); {@code returnLabel} is null when no
 * return label was requested or issued.
 */
public record Return(
        String id,
        String shipmentId,
        String tenantId,
        ReturnStatus status,
        ReturnSource source,
        String reason,
        List<ReturnItem> items,
        String returnTrackingNumber,
        OffsetDateTime openedAt,
        String warehouseId,
        boolean returnLabelRequested,
        OffsetDateTime inTransitAt,
        OffsetDateTime receivedAt,
        ReturnPolicy policy,
        List<InspectedItem> inspection,
        boolean stockAdjusted,
        List<StockAdjustment> restocked,
        OffsetDateTime closedAt,
        OffsetDateTime lastEventAt,
        String returnCarrier,
        ReturnLabel returnLabel) {

    public static final Return NONE = new Return(null, null, null, ReturnStatus.NONE, null, null, List.of(), null, null,
            null, false, null, null, null, List.of(), false, List.of(), null, null, null, null);

    public Return {
        items = items == null ? List.of() : List.copyOf(items);
        inspection = inspection == null ? List.of() : List.copyOf(inspection);
        restocked = restocked == null ? List.of() : List.copyOf(restocked);
    }

    /** The lifecycle: registered → in transit → received → inspected → closed (in transit and inspected may be skipped). */
    public enum ReturnStatus {
        NONE, REGISTERED, IN_TRANSIT, RECEIVED, INSPECTED, CLOSED;

        public boolean isBefore(ReturnStatus other) {
            return ordinal() < other.ordinal();
        }
    }

    /** One decided stock adjustment, as the view shows it. */
    public record StockAdjustment(String adjustmentId, String warehouseId, String sku, int quantityDelta) {
    }
}
