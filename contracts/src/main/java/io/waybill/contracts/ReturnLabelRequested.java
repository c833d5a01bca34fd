package io.waybill.contracts;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A return label is wanted: the goods of {@code shipmentId} travel back from {@code sender} (the
 * customer) to {@code recipient} (the merchant's returns warehouse).
 *
 * <p>Published by returns-service; label-service handles it like a shipment and answers with a
 * {@link LabelGenerated} (or {@link LabelFailed}) whose {@code returnId} is this one, and
 * tracking-service then follows the return tracking number. {@code carrier} is the carrier
 * account to use; {@code service} may be null (the carrier's default return service).
 * {@code reference} is printed on the label (the return id unless the merchant gave another).
 */
public record ReturnLabelRequested(
        String returnId,
        String shipmentId,
        String tenantId,
        String carrier,
        String service,
        Address sender,
        Address recipient,
        List<Parcel> parcels,
        String labelFormat,
        String reference,
        OffsetDateTime requestedAt) implements PublicEvent {

    public ReturnLabelRequested {
        parcels = Immutable.copy(parcels);
    }
}
