package io.waybill.label.labelling;

import io.waybill.contracts.FiscalDocument;
import io.waybill.contracts.Money;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.ShipmentValidated;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The label of one shipment, as a private history. LabelGenerated/LabelFailed are mapped from the
 * purchase outcomes; the purchase intent and the cancellation events stay private.
 */
public sealed interface LabelEvent {

    String shipmentId();

    /**
     * Intent to buy a label, recorded before the carrier is called (ADR 0050). {@code shipment} names
     * the concrete carrier and service (chosen by quote when the shipment gave a selection rule);
     * {@code quotedCost} is the quote's price then, null otherwise. {@code idempotencyKey} is sent with
     * every try of this purchase to carriers that honour one. For a return label {@code returnId} is
     * set, {@code shipment} goes from the customer to the merchant (its {@code shipmentId} is the
     * return's id, so carriers number it apart from the outbound parcel) and {@code originalReference}
     * is the outbound order reference.
     */
    record LabelPurchaseRequested(String shipmentId, String tenantId, String labelId, ShipmentValidated shipment,
            Money quotedCost, String idempotencyKey, OffsetDateTime requestedAt, String returnId,
            String originalReference) implements LabelEvent {

        /** The stream this purchase lives in: the shipment's label, or one of its return labels. */
        public String labelStream() {
            return LabelEvents.streamId(shipmentId, returnId);
        }
    }

    /** {@code labelId} and {@code cost} are null in events recorded before ADR 0050; {@code returnId} is set for returns. */
    record LabelPurchased(String shipmentId, String tenantId, String carrier, String service, String trackingNumber,
            List<ParcelLabel> parcels, String routingCode, List<String> formats, FiscalDocument fiscalDocument,
            OffsetDateTime purchasedAt, String labelId, Money cost, String returnId) implements LabelEvent {
    }

    record LabelPurchaseFailed(String shipmentId, String tenantId, String carrier, String reasonCode, String reason,
            boolean retryable, OffsetDateTime failedAt, String returnId) implements LabelEvent {
    }

    /**
     * A booking whose answer was lost (timeout, connection reset, crash after the call) with a carrier
     * that honours no idempotency key: it may or may not exist, so it is not bought again blindly. An
     * operator reconciles it with the carrier (ADR 0050).
     */
    record LabelPurchaseUnconfirmed(String shipmentId, String tenantId, String carrier, String reasonCode,
            String reason, OffsetDateTime at, String returnId) implements LabelEvent {
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
     * The shipment was cancelled before a label was bought (none yet, only failed attempts, or a
     * purchase in flight): a ShipmentValidated arriving later buys nothing, and a label that the
     * purchase in flight still brings is voided at once.
     */
    record LabelCancelledBeforePurchase(String shipmentId, String tenantId, String reason,
            OffsetDateTime cancelledAt) implements LabelEvent {
    }
}
