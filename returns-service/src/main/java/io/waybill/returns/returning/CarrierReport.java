package io.waybill.returns.returning;

import java.time.OffsetDateTime;

/**
 * What a carrier said about a shipment's goods coming back, from a tracking status (RETURNING: in
 * transit, RETURNED: received) or from its return webhook (registered, in transit, received; with the
 * return parcel's own number when the carrier booked one).
 */
public record CarrierReport(ReturnSource source, Stage stage, String reason, OffsetDateTime at, String returnCarrier,
        String returnTrackingNumber) {

    public enum Stage {
        /** The carrier booked a return; the goods have not moved yet. */
        REGISTERED,
        /** On the way back. */
        IN_TRANSIT,
        /** Delivered back to the warehouse. */
        RECEIVED
    }
}
