package io.waybill.order.shipment;

import io.waybill.contracts.Address;
import io.waybill.contracts.FiscalDocument;
import io.waybill.contracts.Fulfillment;
import io.waybill.contracts.Parcel;
import java.util.List;

/**
 * What the ERP asked to ship, as accepted. Weights in grams, dimensions in millimetres.
 * {@code fulfillment}: the 3PL partner that ships it (asked for, or routed by configuration), else null.
 */
public record ShipmentDetails(
        String orderReference,
        Address sender,
        Address recipient,
        List<Parcel> parcels,
        String carrier,
        String service,
        String selectionRule,
        String labelFormat,
        FiscalDocument fiscalDocument,
        Fulfillment fulfillment) {

    /** Without a fulfillment partner (the shape before ADR 0091). */
    public ShipmentDetails(String orderReference, Address sender, Address recipient, List<Parcel> parcels, String carrier,
            String service, String selectionRule, String labelFormat, FiscalDocument fiscalDocument) {
        this(orderReference, sender, recipient, parcels, carrier, service, selectionRule, labelFormat, fiscalDocument, null);
    }
}
