package io.waybill.contracts;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order passed validation; labels can now be bought.
 *
 * <p>Either the caller named {@code carrier} and {@code service} (then {@code selectionRule} is
 * null), or it gave a {@code selectionRule} (CHEAPEST or FASTEST), possibly with a carrier but no
 * service: label-service then chooses among the quotes and LabelGenerated names the choice.
 * {@code labelFormat} is PDF or ZPL; {@code fiscalDocument} may be null.
 *
 * <p>Added within v1 (optional, ADR 0090): {@code fulfillment}, set when a 3PL warehouse fulfils
 * the shipment; label-service then buys no label and fulfillment-service hands the order to the
 * partner. Carrier and service stay what the merchant asked for (the partner's way of delivery).
 */
public record ShipmentValidated(
        String shipmentId,
        String tenantId,
        String orderReference,
        Address sender,
        Address recipient,
        List<Parcel> parcels,
        String carrier,
        String service,
        String selectionRule,
        String labelFormat,
        FiscalDocument fiscalDocument,
        OffsetDateTime validatedAt,
        Fulfillment fulfillment) implements PublicEvent {

    /** The v1.0 shape (before fulfillment was added). */
    public ShipmentValidated(String shipmentId, String tenantId, String orderReference, Address sender,
            Address recipient, List<Parcel> parcels, String carrier, String service, String selectionRule,
            String labelFormat, FiscalDocument fiscalDocument, OffsetDateTime validatedAt) {
        this(shipmentId, tenantId, orderReference, sender, recipient, parcels, carrier, service, selectionRule,
                labelFormat, fiscalDocument, validatedAt, null);
    }

    public ShipmentValidated {
        parcels = Immutable.copy(parcels);
    }
}
