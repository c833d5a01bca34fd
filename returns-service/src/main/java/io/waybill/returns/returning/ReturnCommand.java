package io.waybill.returns.returning;

import io.waybill.contracts.ReturnItem;
import java.time.OffsetDateTime;
import java.util.List;

/** What can be asked of a return. */
public sealed interface ReturnCommand {

    /**
     * Open a return. {@code returnTrackingNumber} is null when the goods come back on the original
     * label; {@code items} may be empty when the source cannot know them (a tracking status).
     */
    record OpenReturn(String returnId, String shipmentId, String tenantId, ReturnSource source, String reason,
            List<ReturnItem> items, String returnTrackingNumber, OffsetDateTime at) implements ReturnCommand {

        public OpenReturn {
            items = items == null ? List.of() : List.copyOf(items);
        }

        /** A return the carrier reported for a shipment: its id is the one derived from the shipment's. */
        public static OpenReturn reportedByCarrier(String shipmentId, String tenantId, ReturnSource source, String reason,
                List<ReturnItem> items, String returnTrackingNumber, OffsetDateTime at) {
            return new OpenReturn(ReturnEvents.carrierReturnId(shipmentId), shipmentId, tenantId, source, reason, items,
                    returnTrackingNumber, at);
        }
    }
}
