package io.waybill.returns.returning;

import io.waybill.contracts.ReturnItem;
import java.time.OffsetDateTime;
import java.util.List;

/** A return as folded from its events. */
public record Return(
        String id,
        String shipmentId,
        String tenantId,
        ReturnStatus status,
        ReturnSource source,
        String reason,
        List<ReturnItem> items,
        String returnTrackingNumber,
        OffsetDateTime openedAt) {

    public static final Return NONE = new Return(null, null, null, ReturnStatus.NONE, null, null, List.of(), null, null);

    public Return {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public enum ReturnStatus {
        NONE, OPEN
    }
}
