package io.waybill.contracts;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The carrier accepted the shipment and returned its labels.
 *
 * <p>{@code trackingNumber} is the master number; {@code parcels} gives each parcel's own number
 * (equal to the master for single-parcel carriers). {@code formats} lists the label renderings
 * available (PDF, ZPL). {@code fiscalDocument}, when present, is echoed so an ERP can match the
 * label to its invoice without a lookup.
 *
 * <p>Added within v1 (optional for consumers, always set by current producers where known):
 * {@code labelId} names the stored label ({@code GET /api/v1/shipments/{id}/label} serves it);
 * {@code cost} is what the carrier charges, when its API says; {@code returnId} is set when this
 * is a return label requested by {@link ReturnLabelRequested} (the goods travel back to the
 * merchant), so consumers tell it from the outbound label of the same shipment.
 */
public record LabelGenerated(
        String shipmentId,
        String tenantId,
        String carrier,
        String service,
        String trackingNumber,
        List<ParcelLabel> parcels,
        List<String> formats,
        FiscalDocument fiscalDocument,
        OffsetDateTime generatedAt,
        String labelId,
        Money cost,
        String returnId) implements PublicEvent {

    /** The v1.0 shape (before labelId, cost and returnId were added). */
    public LabelGenerated(String shipmentId, String tenantId, String carrier, String service,
            String trackingNumber, List<ParcelLabel> parcels, List<String> formats,
            FiscalDocument fiscalDocument, OffsetDateTime generatedAt) {
        this(shipmentId, tenantId, carrier, service, trackingNumber, parcels, formats,
                fiscalDocument, generatedAt, null, null, null);
    }

    public LabelGenerated {
        parcels = Immutable.copy(parcels);
        formats = Immutable.copy(formats);
    }
}
