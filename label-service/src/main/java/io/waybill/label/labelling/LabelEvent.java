package io.waybill.label.labelling;

import io.waybill.contracts.FiscalDocument;
import io.waybill.contracts.ParcelLabel;
import java.time.OffsetDateTime;
import java.util.List;

/** The label of one shipment, as a private history. LabelGenerated/LabelFailed are mapped from these. */
public sealed interface LabelEvent {

    String shipmentId();

    record LabelPurchased(String shipmentId, String tenantId, String carrier, String service, String trackingNumber,
            List<ParcelLabel> parcels, String routingCode, List<String> formats, FiscalDocument fiscalDocument,
            OffsetDateTime purchasedAt) implements LabelEvent {
    }

    record LabelPurchaseFailed(String shipmentId, String tenantId, String carrier, String reasonCode, String reason,
            boolean retryable, OffsetDateTime failedAt) implements LabelEvent {
    }
}
