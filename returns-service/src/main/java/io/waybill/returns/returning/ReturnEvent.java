package io.waybill.returns.returning;

import io.waybill.contracts.ReturnItem;
import java.time.OffsetDateTime;
import java.util.List;

/** The Return aggregate's private history. Public events are mapped from these (publishing/). */
public sealed interface ReturnEvent {

    String returnId();

    record ReturnOpened(String returnId, String shipmentId, String tenantId, ReturnSource source, String reason,
            List<ReturnItem> items, String returnTrackingNumber, OffsetDateTime openedAt) implements ReturnEvent {

        public ReturnOpened {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }
}
