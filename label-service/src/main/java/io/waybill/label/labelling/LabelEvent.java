package io.waybill.label.labelling;

import io.waybill.contracts.FiscalDocument;
import io.waybill.contracts.ParcelLabel;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The label of one shipment, as a private history. LabelGenerated/LabelFailed are mapped from the
 * purchase events; the cancellation events (void, void failure, cancelled before purchase) stay
 * private for now.
 */
public sealed interface LabelEvent {

    String shipmentId();

    record LabelPurchased(String shipmentId, String tenantId, String carrier, String service, String trackingNumber,
            List<ParcelLabel> parcels, String routingCode, List<String> formats, FiscalDocument fiscalDocument,
            OffsetDateTime purchasedAt) implements LabelEvent {
    }

    record LabelPurchaseFailed(String shipmentId, String tenantId, String carrier, String reasonCode, String reason,
            boolean retryable, OffsetDateTime failedAt) implements LabelEvent {
    }

    /** The shipment was cancelled and the carrier voided its purchased label; the documents are no longer served. */
    record LabelVoided(String shipmentId, String tenantId, String carrier, String trackingNumber,
            OffsetDateTime voidedAt) implements LabelEvent {
    }

    /** The carrier would not void the label; it stays purchased, so a later cancellation tries again. */
    record LabelVoidFailed(String shipmentId, String tenantId, String carrier, String reasonCode, String reason,
            OffsetDateTime failedAt) implements LabelEvent {
    }

    /**
     * The shipment was cancelled before a label was bought (none yet, or only failed attempts): a
     * ShipmentValidated arriving later (redelivered, or overtaken by the cancellation) buys nothing.
     */
    record LabelCancelledBeforePurchase(String shipmentId, String tenantId, String reason,
            OffsetDateTime cancelledAt) implements LabelEvent {
    }
}
