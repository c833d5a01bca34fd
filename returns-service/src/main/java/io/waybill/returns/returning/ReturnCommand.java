package io.waybill.returns.returning;

import io.waybill.contracts.ReturnItem;
import java.time.OffsetDateTime;
import java.util.List;

/** What can be asked of a return. */
public sealed interface ReturnCommand {

    /**
     * Open a return. {@code returnTrackingNumber} is null when the goods come back on the original
     * label; {@code items} may be empty when the source cannot know them (a status for a shipment
     * this service never saw validated).
     */
    record OpenReturn(String returnId, String shipmentId, String tenantId, ReturnSource source, String reason,
            List<ReturnItem> items, String returnTrackingNumber, OffsetDateTime at, String warehouseId,
            boolean returnLabelRequested, ReturnLabelOrder label) implements ReturnCommand {

        public OpenReturn {
            items = items == null ? List.of() : List.copyOf(items);
        }

        /** Without a return label to request. */
        public OpenReturn(String returnId, String shipmentId, String tenantId, ReturnSource source, String reason,
                List<ReturnItem> items, String returnTrackingNumber, OffsetDateTime at, String warehouseId,
                boolean returnLabelRequested) {
            this(returnId, shipmentId, tenantId, source, reason, items, returnTrackingNumber, at, warehouseId,
                    returnLabelRequested, null);
        }

        /** A return the carrier reported for a shipment: its id is the one derived from the shipment's. */
        public static OpenReturn reportedByCarrier(String shipmentId, String tenantId, ReturnSource source, String reason,
                List<ReturnItem> items, String returnTrackingNumber, OffsetDateTime at, String warehouseId) {
            return new OpenReturn(ReturnEvents.carrierReturnId(shipmentId), shipmentId, tenantId, source, reason, items,
                    returnTrackingNumber, at, warehouseId, false);
        }
    }

    /** The carrier reports the goods on their way back (RETURNING). */
    record ReportInTransit(String description, OffsetDateTime at) implements ReturnCommand {
    }

    /** The carrier delivered the goods back to the warehouse (RETURNED); {@code policy} is the tenant's now. */
    record ReportReceived(ReturnPolicy policy, OffsetDateTime at) implements ReturnCommand {
    }

    /** The warehouse's inspection: every returned unit, per SKU, as RESTOCK, DAMAGED or MISSING. */
    record Inspect(List<InspectedItem> items, OffsetDateTime at) implements ReturnCommand {

        public Inspect {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** The return parcel's own tracking number is known (LabelGenerated with returnId, or a carrier return webhook). */
    record RecordReturnLabel(String carrier, String trackingNumber, String labelId, OffsetDateTime at)
            implements ReturnCommand {
    }

    /** label-service reports that the return label could not be bought (LabelFailed with returnId). */
    record RecordReturnLabelFailure(String carrier, String reasonCode, String reason, boolean retryable,
            OffsetDateTime at) implements ReturnCommand {
    }
}
