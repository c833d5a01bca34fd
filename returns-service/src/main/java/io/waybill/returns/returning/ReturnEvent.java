package io.waybill.returns.returning;

import io.waybill.contracts.Address;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ReturnItem;
import java.time.OffsetDateTime;
import java.util.List;

/** The Return aggregate's private history. Public events are mapped from these (publishing/). */
public sealed interface ReturnEvent {

    String returnId();

    /**
     * The return exists. {@code warehouseId} is where its goods go back into stock (the shipment's
     * sender); {@code returnLabelRequested}: the merchant asked for a return label.
     */
    record ReturnOpened(String returnId, String shipmentId, String tenantId, ReturnSource source, String reason,
            List<ReturnItem> items, String returnTrackingNumber, OffsetDateTime openedAt, String warehouseId,
            boolean returnLabelRequested) implements ReturnEvent {

        public ReturnOpened {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** The carrier has the goods on their way back (RETURNING). */
    record ReturnInTransit(String returnId, String description, OffsetDateTime at) implements ReturnEvent {
    }

    /** The goods are back at the warehouse (RETURNED, or implied by an inspection), under the tenant's policy then. */
    record ReturnReceived(String returnId, ReturnPolicy policy, OffsetDateTime at) implements ReturnEvent {
    }

    /** What the warehouse found, per SKU and outcome. */
    record ReturnInspected(String returnId, List<InspectedItem> items, OffsetDateTime at) implements ReturnEvent {

        public ReturnInspected {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /**
     * Units of one SKU went back into one warehouse's stock. Published as StockAdjusted; decided at
     * most once per return, and {@code adjustmentId} is stable (see {@link ReturnEvents#adjustmentId}).
     */
    record StockRestocked(String returnId, String adjustmentId, String tenantId, String shipmentId, String warehouseId,
            String sku, int quantity, String reason, OffsetDateTime at) implements ReturnEvent {
    }

    /** Nothing more will happen to the return. */
    record ReturnClosed(String returnId, OffsetDateTime at) implements ReturnEvent {
    }

    /**
     * A return label was requested (published as ReturnLabelRequested): from {@code sender} (the
     * customer) to {@code recipient} (the returns warehouse) with {@code carrier}.
     */
    record ReturnLabelOrdered(String returnId, String shipmentId, String tenantId, String carrier, String service,
            String labelFormat, Address sender, Address recipient, List<Parcel> parcels, String reference,
            OffsetDateTime at) implements ReturnEvent {

        public ReturnLabelOrdered {
            parcels = parcels == null ? List.of() : List.copyOf(parcels);
        }
    }

    /** The return parcel has its own tracking number: label-service's return label, or the carrier's return booking. */
    record ReturnLabelIssued(String returnId, String carrier, String trackingNumber, String labelId, OffsetDateTime at)
            implements ReturnEvent {
    }

    /** label-service could not get the return label. */
    record ReturnLabelFailed(String returnId, String carrier, String reasonCode, String reason, boolean retryable,
            OffsetDateTime at) implements ReturnEvent {
    }
}
