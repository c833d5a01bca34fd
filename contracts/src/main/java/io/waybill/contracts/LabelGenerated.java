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
        OffsetDateTime generatedAt) implements PublicEvent {

    public LabelGenerated {
        parcels = Immutable.copy(parcels);
        formats = Immutable.copy(formats);
    }
}
