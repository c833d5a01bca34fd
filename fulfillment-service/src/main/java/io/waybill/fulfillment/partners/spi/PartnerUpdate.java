package io.waybill.fulfillment.partners.spi;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a partner says happened to one order. {@code orderNumber} is the shipment id the order was sent
 * under. {@code step} is the normalized meaning; {@code partnerCode} and {@code description} the
 * partner's own words (kept for diagnosis). For SHIPPED, {@code carrier}, {@code trackingNumber} and
 * {@code parcelTrackingNumbers} (may be empty: the master number then stands for the one parcel).
 */
public record PartnerUpdate(String orderNumber, Step step, String partnerCode, String description, String carrier,
        String service, String trackingNumber, List<String> parcelTrackingNumbers, OffsetDateTime occurredAt, String source) {

    public PartnerUpdate {
        parcelTrackingNumbers = parcelTrackingNumbers == null ? List.of() : List.copyOf(parcelTrackingNumbers);
    }

    public static PartnerUpdate step(String orderNumber, Step step, String partnerCode, String description,
            OffsetDateTime occurredAt, String source) {
        return new PartnerUpdate(orderNumber, step, partnerCode, description, null, null, null, List.of(), occurredAt, source);
    }

    /** The warehouse steps Waybill knows. UNMAPPED: a code no table knows, kept visible rather than guessed. */
    public enum Step {
        RECEIVED, PICKING, PICKED, PACKED, SHIPPED, CANCELLED, OUT_OF_STOCK, UNMAPPED
    }
}
