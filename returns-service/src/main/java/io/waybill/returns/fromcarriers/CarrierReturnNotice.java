package io.waybill.returns.fromcarriers;

import io.waybill.returns.returning.CarrierReport.Stage;
import java.time.OffsetDateTime;

/**
 * One carrier return webhook, read: the outbound parcel the goods left in ({@code outboundTrackingNumber},
 * how the shipment is found), the return parcel's own number when the carrier booked one, how far the
 * return is, why, and when. {@code stage} null: a status of the return that moves nothing (accepted, stored).
 */
public record CarrierReturnNotice(String carrier, String outboundTrackingNumber, String returnTrackingNumber, Stage stage,
        String carrierCode, String reason, OffsetDateTime occurredAt) {
}
